import { Group, Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type SurveyDetail, updateSurveySchema } from '../../../../shared/surveys.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { useUpdateSurvey } from '../api.ts';
import { useSurveysT } from '../i18n.ts';
import { EditActions, inputReport } from '../../../ui/form-support.tsx';

const IDS = { title: 'edit-title', fieldStart: 'edit-field-start', fieldEnd: 'edit-field-end', kMin: 'edit-k-min' } as const;
type Field = keyof typeof IDS;
const CONSENT_ID = 'edit-allows-comparison';

/**
 * Title, field period, k (only upwards) and the release for the statewide benchmark of a survey; a
 * closed survey keeps its field period. A stale version answers 409 and the current survey is loaded.
 */
export function SurveyEditForm({ survey, onDone }: { survey: SurveyDetail; onDone(saved: boolean): void }) {
  const t = useSurveysT();
  const update = useUpdateSurvey(survey.id);
  const [values, setValues] = useState({
    title: survey.title,
    fieldStart: survey.fieldStart,
    fieldEnd: survey.fieldEnd,
    kMin: String(survey.kMin),
  });
  const [allowsComparison, setAllowsComparison] = useState(survey.allowsComparison);
  const closed = survey.status === 'closed';
  const [report, setReport] = useState<ErrorReport | null>(null);
  const set = (k: Field, v: string) => setValues((s) => ({ ...s, [k]: v }));
  const fields = Object.fromEntries((Object.keys(IDS) as Field[]).map((f) => [f, { id: IDS[f], label: t(`fields.${f}`) }])) as Record<
    Field,
    FieldRef
  >;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const k = /^\d+$/.test(values.kMin.trim()) ? Number(values.kMin.trim()) : values.kMin;
    const parsed = updateSurveySchema.safeParse({
      version: survey.version,
      title: values.title,
      ...(closed ? {} : { fieldStart: values.fieldStart, fieldEnd: values.fieldEnd }),
      kMin: k,
      allowsComparison,
    });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (parsed.success && parsed.data.kMin !== undefined && parsed.data.kMin < survey.kMin)
      errors.kMin = t('edit.kLower', { k: survey.kMin });
    if (parsed.success && values.fieldEnd < values.fieldStart) errors.fieldEnd = t('form.endBeforeStart');
    if (!parsed.success || Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    try {
      await update.mutateAsync(parsed.data);
      onDone(true);
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="survey-edit-heading">
      <Title order={2} fz="lg" mb="sm" id="survey-edit-heading">
        {t('edit.title')}
      </Title>
      <ErrorSummary report={report} fields={fields} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack maw={620}>
          <TextInput
            id={IDS.title}
            label={fields.title.label}
            required
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={report?.fields.title}
          />
          <Group grow align="flex-start">
            <TextInput
              id={IDS.fieldStart}
              type="date"
              label={fields.fieldStart.label}
              required
              disabled={closed}
              value={values.fieldStart}
              onChange={(e) => set('fieldStart', e.currentTarget.value)}
              error={report?.fields.fieldStart}
            />
            <TextInput
              id={IDS.fieldEnd}
              type="date"
              label={fields.fieldEnd.label}
              required
              disabled={closed}
              value={values.fieldEnd}
              onChange={(e) => set('fieldEnd', e.currentTarget.value)}
              error={report?.fields.fieldEnd}
            />
          </Group>
          <TextInput
            id={IDS.kMin}
            label={fields.kMin.label}
            description={t('fields.kMinHint')}
            inputMode="numeric"
            w={{ base: '100%', xs: 200 }}
            value={values.kMin}
            onChange={(e) => set('kMin', e.currentTarget.value)}
            error={report?.fields.kMin}
          />
          <Switch
            id={CONSENT_ID}
            label={t('detail.allowsComparison')}
            description={t('detail.allowsComparisonHint')}
            checked={allowsComparison}
            onChange={(e) => setAllowsComparison(e.currentTarget.checked)}
            error={report?.fields.allowsComparison}
          />
          <EditActions saveLabel={t('edit.save')} saving={update.isPending} closeLabel={t('edit.cancel')} onClose={() => onDone(false)} />
        </Stack>
      </form>
    </Paper>
  );
}
