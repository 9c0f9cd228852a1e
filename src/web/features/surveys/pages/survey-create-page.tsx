import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { createSurveySchema, SURVEY_LIMITS_STAFF } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { CommunePicker } from '../../users/index.ts';
import { surveyPaths, useCreateSurvey, useSurveys } from '../api.ts';
import { useSurveyNotify } from '../components/survey-notice.tsx';
import { useSurveysT } from '../i18n.ts';
import { addDays, todayBerlin } from '../../../../shared/time.ts';
import { inputReport, parseOrReport } from '../../../ui/form-support.tsx';

const IDS = {
  title: 'survey-title',
  municipalities: 'survey-municipalities',
  fieldStart: 'survey-field-start',
  fieldEnd: 'survey-field-end',
  kMin: 'survey-k-min',
  previousSurveyId: 'survey-previous',
  areaQuestion: 'survey-area-question',
} as const;
type Field = keyof typeof IDS;

/** A new survey: title, municipalities, field period and k; it starts with a copy of the standard questionnaire. */
export function SurveyCreatePage() {
  const t = useSurveysT();
  const notify = useSurveyNotify();
  const create = useCreateSurvey();
  const earlier = useSurveys({});
  const [values, setValues] = useState({
    title: '',
    municipalities: [] as string[],
    fieldStart: todayBerlin(),
    fieldEnd: addDays(todayBerlin(), 28),
    kMin: '5',
    previousSurveyId: '',
    areaQuestion: false,
  });
  const [report, setReport] = useState<ErrorReport | null>(null);
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));
  const label = (f: Field) => t(`fields.${f}`);
  const fields = Object.fromEntries((Object.keys(IDS) as Field[]).map((f) => [f, { id: IDS[f], label: label(f) }])) as Record<
    Field,
    FieldRef
  >;
  const err = (f: Field) => report?.fields[f];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const kMin = values.kMin.trim() === '' ? undefined : Number(values.kMin);
    const parsed = parseOrReport(
      createSurveySchema,
      {
        title: values.title,
        municipalities: values.municipalities,
        fieldStart: values.fieldStart,
        fieldEnd: values.fieldEnd,
        kMin: Number.isNaN(kMin) ? values.kMin : kMin,
        previousSurveyId: values.previousSurveyId ? Number(values.previousSurveyId) : null,
        areaQuestion: values.areaQuestion || undefined,
      },
      setReport,
    );
    if (!parsed) return;
    if (parsed.fieldEnd < parsed.fieldStart) {
      setReport(inputReport({ fieldEnd: t('form.endBeforeStart') }));
      return;
    }
    setReport(null);
    try {
      const created = await create.mutateAsync(parsed);
      notify('created', surveyPaths.detail(created.id));
    } catch (error) {
      setReport(describeError(error));
    }
  }

  return (
    <>
      <PageHeader
        title={t('create.title')}
        intro={t('create.intro')}
        actions={
          <Anchor component={Link} to={surveyPaths.list}>
            {t('common.backToList')}
          </Anchor>
        }
      />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <ErrorSummary report={report} fields={fields} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack maw={620}>
            <TextInput
              id={IDS.title}
              label={label('title')}
              required
              maxLength={SURVEY_LIMITS_STAFF.titleMax}
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={err('title')}
            />
            <CommunePicker
              id={IDS.municipalities}
              label={label('municipalities')}
              value={values.municipalities}
              required
              onChange={(v) => set('municipalities', v)}
              error={err('municipalities')}
            />
            <Group grow align="flex-start">
              <TextInput
                id={IDS.fieldStart}
                type="date"
                label={label('fieldStart')}
                required
                value={values.fieldStart}
                onChange={(e) => set('fieldStart', e.currentTarget.value)}
                error={err('fieldStart')}
              />
              <TextInput
                id={IDS.fieldEnd}
                type="date"
                label={label('fieldEnd')}
                required
                value={values.fieldEnd}
                onChange={(e) => set('fieldEnd', e.currentTarget.value)}
                error={err('fieldEnd')}
              />
            </Group>
            <TextInput
              id={IDS.kMin}
              label={label('kMin')}
              description={t('fields.kMinHint')}
              inputMode="numeric"
              w={{ base: '100%', xs: 200 }}
              value={values.kMin}
              onChange={(e) => set('kMin', e.currentTarget.value)}
              error={err('kMin')}
            />
            <NativeSelect
              id={IDS.previousSurveyId}
              label={label('previousSurveyId')}
              description={t('fields.previousHint')}
              value={values.previousSurveyId}
              data={[
                { value: '', label: t('fields.noPrevious') },
                ...(earlier.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.title })),
              ]}
              onChange={(e) => set('previousSurveyId', e.currentTarget.value)}
              error={err('previousSurveyId')}
            />
            <Checkbox
              id={IDS.areaQuestion}
              label={label('areaQuestion')}
              description={t('fields.areaQuestionHint')}
              checked={values.areaQuestion}
              onChange={(e) => set('areaQuestion', e.currentTarget.checked)}
              error={err('areaQuestion')}
            />
            <div>
              <Button type="submit" loading={create.isPending}>
                {t('create.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
