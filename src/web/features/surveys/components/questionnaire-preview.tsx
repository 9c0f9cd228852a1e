import { Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { QuestionnaireDefinition, SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import { type Lang, loc, shownQuestions } from '../../survey-public/index.ts';
import { QuestionList } from '../../survey-public/index.ts';
import { useSurveysT } from '../i18n.ts';
import '../surveys.css';

/**
 * The questionnaire as respondents see it, with the public page's own controls: every section
 * one under another, conditions live, in German or English. Answers here are not stored.
 */
export function QuestionnairePreview({ def, idPrefix = 'pv-' }: { def: QuestionnaireDefinition; idPrefix?: string }) {
  const t = useSurveysT();
  const [lang, setLang] = useState<Lang>('de');
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={500} id={`${idPrefix}lang-label`} mb={4}>
          {t('preview.language')}
        </Text>
        <SegmentedControl
          value={lang}
          onChange={(v) => setLang(v === 'en' ? 'en' : 'de')}
          aria-labelledby={`${idPrefix}lang-label`}
          data={[
            { value: 'de', label: 'Deutsch' },
            { value: 'en', label: 'English' },
          ]}
        />
      </div>
      <Text size="sm" c="dimmed">
        {t('preview.hint')}
      </Text>
      <Paper className="qe-preview" p={{ base: 'sm', sm: 'xl' }} lang={lang}>
        <Title order={2} fz="xl" mb="xs">
          {loc(def.title, lang)}
        </Title>
        {def.intro ? <Text mb="lg">{loc(def.intro, lang)}</Text> : null}
        <Stack gap="xl">
          {def.sections.map((s) => {
            const questions = shownQuestions(s, def, answers);
            return (
              <section key={s.id} aria-labelledby={`${idPrefix}${s.id}-h`}>
                <Title order={3} fz="lg" mb="md" id={`${idPrefix}${s.id}-h`}>
                  {loc(s.title, lang)}
                </Title>
                {questions.length ? (
                  <QuestionList questions={questions} answers={answers} onChange={setAnswers} errors={{}} lang={lang} idPrefix={idPrefix} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('preview.sectionSkipped')}
                  </Text>
                )}
              </section>
            );
          })}
        </Stack>
      </Paper>
    </Stack>
  );
}
