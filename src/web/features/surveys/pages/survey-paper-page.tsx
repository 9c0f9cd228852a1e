import { Button, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition, SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import { PAPER_ENTRY_KINDS, type SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import {
  answerPathOf,
  checkAnswers,
  cleanAnswers,
  focusIdOf,
  type Lang,
  loc,
  pathLabel,
  shownQuestions,
} from '../../survey-public/index.ts';
import { QuestionList, messageTexts, useSurveyPublicT } from '../../survey-public/index.ts';
import { type PaperReturnResult, usePaperReturn, useQuestionnaire } from '../api.ts';
import { answerText, questionText } from '../answer-text.ts';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveysT } from '../i18n.ts';
import { inputReport } from '../../../ui/form-support.tsx';

type Entry = (typeof PAPER_ENTRY_KINDS)[number];
const PREFIX = 'paper-';
const IDS = { sheet: 'paper-sheet', ags: 'paper-ags' } as const;

function Differences({ def, result, lang }: { def: QuestionnaireDefinition; result: PaperReturnResult; lang: Lang }) {
  const t = useSurveysT();
  const none = t('paper.noAnswer');
  return (
    <TableFrame label={t('paper.differencesCaption')} minWidth={560}>
      <Table className="data-table" bg="white">
        <caption className="visually-hidden">{t('paper.differencesCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('paper.question')}</Table.Th>
            <Table.Th>{t('paper.firstEntry')}</Table.Th>
            <Table.Th>{t('paper.secondEntry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.differences.map((d) => (
            <Table.Tr key={d.questionId}>
              <Table.Th scope="row" fw={500}>
                {questionText(def, d.questionId, lang)}
              </Table.Th>
              <Table.Td>{answerText(def, d.questionId, d.first, lang, none)}</Table.Td>
              <Table.Td>{answerText(def, d.questionId, d.second, lang, none)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

function PaperForm({ survey, def }: { survey: SurveyDetail; def: QuestionnaireDefinition }) {
  const t = useSurveysT();
  const tp = useSurveyPublicT();
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const save = usePaperReturn(survey.id);
  const [entry, setEntry] = useState<Entry>('single');
  const [sheet, setSheet] = useState('');
  const [ags, setAgs] = useState(survey.municipalities.length === 1 ? survey.municipalities[0]!.ags : '');
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [result, setResult] = useState<{ r: PaperReturnResult; sheet: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const topRef = useRef<HTMLDivElement>(null);
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) topRef.current?.focus();
  }, [focusTick]);
  const texts = useMemo(() => messageTexts(tp), [tp]);

  const fields = useMemo(() => {
    const out: Record<string, FieldRef> = {
      sheet: { id: IDS.sheet, label: t('paper.sheet') },
      ags: { id: IDS.ags, label: t('codes.municipality') },
    };
    for (const path of Object.keys(errors)) out[path] = { id: focusIdOf(def, PREFIX, path), label: pathLabel(def, path, lang) };
    return out;
  }, [errors, def, lang, t]);

  function fail(byPath: Record<string, string>, base?: ErrorReport) {
    setErrors(byPath);
    setReport(base ? { ...base, fields: byPath } : inputReport(byPath));
    setFocusTick((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const found = checkAnswers(def, answers, { questionIds: null, complete: false, lang, texts });
    if (entry !== 'single' && !sheet.trim()) found.sheet = t('paper.sheetRequired');
    if (survey.municipalities.length > 1 && !ags) found.ags = t('paper.agsRequired');
    if (Object.keys(found).length) return fail(found);
    try {
      const r = await save.mutateAsync({
        answers: cleanAnswers(def, answers).answers,
        entry,
        sheet: sheet.trim() || undefined,
        ags: ags || null,
      });
      setErrors({});
      setReport(null);
      setResult({ r, sheet: sheet.trim() });
      if (r.status === 'stored') {
        setAnswers({});
        setSheet('');
        setFormKey((k) => k + 1);
        if (entry === 'second') setEntry('first');
      } else if (r.status === 'pending') {
        setAnswers({});
        setFormKey((k) => k + 1);
        setEntry('second');
      }
      setFocusTick((n) => n + 1);
    } catch (err) {
      const byPath: Record<string, string> = {};
      for (const fe of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
        const path = fieldPathOf(fe.field);
        const a = answerPathOf(path);
        if (a) byPath[a] ??= fe.message;
        else if (path === 'sheet' || path === 'ags') byPath[path] ??= fe.message;
      }
      fail(byPath, describeError(err));
    }
  }

  return (
    <>
      <div ref={topRef} tabIndex={-1}>
        <div role="status" aria-live="polite">
          {result?.r.status === 'stored' ? <Callout tone="success">{t('paper.stored', { count: result.r.responses })}</Callout> : null}
          {result?.r.status === 'pending' ? <Callout tone="info">{t('paper.pending', { sheet: result.sheet })}</Callout> : null}
          {result?.r.status === 'differs' ? (
            <Callout tone="warning">{t('paper.differs', { sheet: result.sheet, count: result.r.differences.length })}</Callout>
          ) : null}
        </div>
        <ErrorSummary report={report} fields={fields} />
      </div>
      {result?.r.status === 'differs' ? <Differences def={def} result={result.r} lang={lang} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('paper.formLabel')}>
        <Stack gap="lg" mt="md">
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <Stack>
              <Radio.Group label={t('paper.entry')} description={t('paper.entryHint')} value={entry} onChange={(v) => setEntry(v as Entry)}>
                <Stack gap={6} mt={6}>
                  {PAPER_ENTRY_KINDS.map((k) => (
                    <Radio key={k} value={k} label={t(`paper.entryKinds.${k}`)} />
                  ))}
                </Stack>
              </Radio.Group>
              <Group align="flex-start" gap="md">
                <TextInput
                  id={IDS.sheet}
                  label={t('paper.sheet')}
                  description={t('paper.sheetHint')}
                  required={entry !== 'single'}
                  value={sheet}
                  onChange={(e) => setSheet(e.currentTarget.value)}
                  error={errors.sheet}
                  w={{ base: '100%', sm: 240 }}
                  autoComplete="off"
                />
                {survey.municipalities.length > 1 ? (
                  <NativeSelect
                    id={IDS.ags}
                    label={t('codes.municipality')}
                    value={ags}
                    onChange={(e) => setAgs(e.currentTarget.value)}
                    error={errors.ags}
                    data={[
                      { value: '', label: t('paper.chooseMunicipality') },
                      ...survey.municipalities.map((m) => ({ value: m.ags, label: m.name })),
                    ]}
                    w={{ base: '100%', sm: 300 }}
                  />
                ) : null}
              </Group>
            </Stack>
          </Paper>
          <div key={formKey}>
            {def.sections.map((section) => {
              const questions = shownQuestions(section, def, answers);
              if (!questions.length) return null;
              return (
                <Paper
                  key={section.id}
                  withBorder
                  p={{ base: 'md', sm: 'lg' }}
                  radius="md"
                  mb="lg"
                  component="section"
                  aria-labelledby={`paper-section-${section.id}`}
                >
                  <Title order={2} fz="lg" mb="md" id={`paper-section-${section.id}`}>
                    {loc(section.title, lang)}
                  </Title>
                  <QuestionList
                    questions={questions}
                    answers={answers}
                    onChange={setAnswers}
                    errors={errors}
                    lang={lang}
                    idPrefix={PREFIX}
                  />
                </Paper>
              );
            })}
          </div>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {entry === 'single' ? t('paper.save') : entry === 'first' ? t('paper.saveFirst') : t('paper.saveSecond')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('paper.total', { count: formatNumber(survey.responses.paper) })}
            </Text>
          </Group>
        </Stack>
      </form>
    </>
  );
}

/** Staff enter returned paper questionnaires with the questionnaire's own controls, once or twice (double entry). */
export function SurveyPaperPage() {
  const t = useSurveysT();
  return (
    <SurveySubpage what={t('paper.title')} intro={t('paper.intro')}>
      {(survey) => <PaperLoader survey={survey} />}
    </SurveySubpage>
  );
}

function PaperLoader({ survey }: { survey: SurveyDetail }) {
  const q = useQuestionnaire(survey.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return <PaperForm survey={survey} def={q.data.definition} />;
}
