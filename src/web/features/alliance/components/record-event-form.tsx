import { Button, Checkbox, NativeSelect, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  agreementEventsSchema,
  EVENT_TYPES,
  type EventType,
  type MunicipalityDetail,
  recordEventSchema,
} from '../../../../shared/alliance.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { startCoachingSchema, endCoachingSchema } from '../../../../shared/coaching.schema.ts';
import { useEndCoaching, useStartCoaching } from '../../coaching/index.ts';
import { useAgreementEvents, useRecordEvent, useRefreshAlliance } from '../api.ts';
import { emptyEventForm, EVENT_FIELD_IDS, eventInputOf, type EventFormValues } from '../event-form-model.ts';
import { eventTypeLabel } from '../status-style.ts';
import { AgreementForm } from './agreement-form.tsx';
import { AgreementChoice, EventFields } from './event-fields.tsx';
import {
  emptyLifecycleRecord,
  LIFECYCLE_FIELD_IDS,
  LifecycleRecordFields,
  type LifecycleRecordValues,
  RecordFormLink,
  useLifecycleRecord,
} from './lifecycle-record.tsx';
import { inputReport } from '../../../ui/form-support.tsx';

const AGREEMENT_CHANGES: readonly EventType[] = ['agreement_amended', 'agreement_terminated'];

/** The agreements of this municipality that an amendment or termination can refer to. */
function agreementOptions(detail: MunicipalityDetail) {
  return detail.agreements
    .filter((a) => a.status === 'active' && a.parties.some((p) => p.ags === detail.municipality.ags && p.terminatedOn === null))
    .map((a) => ({ value: String(a.id), label: a.title || a.reference || `#${a.id}` }));
}

/** The record's field names as the event form shows them (the date is the event's). */
function asEventFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k === 'startedOn' || k === 'endedOn' ? 'date' : k] = v;
  return out;
}

/**
 * Records one event of the municipality; the agreement signing has a form of its own. A lifecycle
 * event is recorded with its module record in one step (lifecycle-record.tsx).
 */
export function RecordEventForm({ detail }: { detail: MunicipalityDetail }) {
  const { t } = useTranslation();
  const ags = detail.municipality.ags;
  const notify = useNotify();
  const record = useRecordEvent(ags);
  const change = useAgreementEvents();
  const start = useStartCoaching();
  const end = useEndCoaching();
  const refresh = useRefreshAlliance();
  const [values, setValues] = useState<EventFormValues>(emptyEventForm());
  const [rec, setRec] = useState<LifecycleRecordValues>(emptyLifecycleRecord());
  const lifecycle = useLifecycleRecord(ags, values.type);
  const oneStep = lifecycle.kind !== undefined && rec.withRecord ? lifecycle.kind : undefined;
  const [report, setReport] = useState<ErrorReport | null>(null);
  const isAgreementChange = AGREEMENT_CHANGES.includes(values.type);
  const labels: Record<keyof typeof EVENT_FIELD_IDS | keyof typeof LIFECYCLE_FIELD_IDS, string> = {
    type: t('alliance.event.type'),
    date: t('alliance.event.date'),
    topic: t('alliance.event.topic'),
    participants: t('alliance.event.participants'),
    kind: t('alliance.event.kind'),
    notes: t('alliance.event.notes'),
    agreementId: t('alliance.event.agreement'),
    municipalities: t('alliance.event.agreement'),
    reason: t('alliance.timeline.reason'),
    id: t('alliance.event.type'),
    coachId: t('alliance.record.coach'),
    goals: t('alliance.record.goals'),
    endReport: t('alliance.record.endReport'),
  };
  const fieldIds: Record<string, string> = { ...EVENT_FIELD_IDS, ...LIFECYCLE_FIELD_IDS };
  const fields = Object.fromEntries(
    (Object.keys(labels) as (keyof typeof labels)[]).map((k) => [k, { id: fieldIds[k]!, label: labels[k] }]),
  ) as Record<string, FieldRef>;

  function chooseType(type: EventType) {
    setValues({ ...emptyEventForm(type), date: values.date, notes: values.notes });
    setRec(emptyLifecycleRecord());
    setReport(null);
  }

  /** Starts or ends the coaching process: one request, which records the event linked to it. */
  async function submitCoaching(kind: 'coachingStart' | 'coachingEnd') {
    const process = lifecycle.runningProcess;
    const parsed =
      kind === 'coachingStart'
        ? startCoachingSchema.safeParse({
            ags,
            coachId: rec.coachId ? Number(rec.coachId) : undefined,
            startedOn: values.date || undefined,
            goals: rec.goals,
          })
        : endCoachingSchema.safeParse({ version: process?.version, endedOn: values.date || undefined, endReport: rec.endReport });
    if (!parsed.success) {
      setReport(inputReport(asEventFields(zodFieldErrors(parsed.error))));
      return;
    }
    setReport(null);
    try {
      if (parsed.data && 'ags' in parsed.data) await start.mutateAsync(parsed.data);
      else if (parsed.data && 'version' in parsed.data && process) await end.mutateAsync({ id: process.id, ...parsed.data });
      await refresh();
      setValues(emptyEventForm(values.type));
      setRec(emptyLifecycleRecord());
      notify(kind === 'coachingStart' ? 'eventAndCoachingStarted' : 'eventAndCoachingEnded');
    } catch (err) {
      const r = describeError(err);
      setReport({ ...r, fields: asEventFields(r.fields) });
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (oneStep === 'coachingStart' || oneStep === 'coachingEnd') return submitCoaching(oneStep);
    const input = isAgreementChange
      ? { type: values.type, date: values.date || undefined, notes: values.notes, municipalities: values.allParties ? undefined : [ags] }
      : eventInputOf(values);
    const parsed = isAgreementChange ? agreementEventsSchema.safeParse(input) : recordEventSchema.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (isAgreementChange && !values.agreementId) errors.agreementId = t('validation.required');
    if (!parsed.success || Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    setReport(null);
    try {
      if (isAgreementChange) await change.mutateAsync({ id: Number(values.agreementId), ...agreementEventsSchema.parse(input) });
      else await record.mutateAsync(recordEventSchema.parse(input));
      setValues(emptyEventForm(values.type));
      notify('eventRecorded');
    } catch (err) {
      setReport(describeError(err));
    }
  }

  const typeSelect = (
    <NativeSelect
      id={EVENT_FIELD_IDS.type}
      label={labels.type}
      value={values.type}
      w={{ base: '100%', sm: 420 }}
      error={report?.fields.type}
      data={EVENT_TYPES.map((type) => ({ value: type, label: eventTypeLabel(type) }))}
      onChange={(e) => chooseType(e.currentTarget.value as EventType)}
    />
  );
  if (values.type === 'agreement_signed') return <AgreementForm detail={detail} typeSelect={typeSelect} />;

  const errors = report?.fields ?? {};
  return (
    <>
      <ErrorSummary report={report} fields={fields} />
      <form onSubmit={submit} noValidate aria-label={t('alliance.record.formLabel')}>
        <Stack maw={640}>
          {typeSelect}
          {isAgreementChange ? (
            <>
              <AgreementChoice
                id={EVENT_FIELD_IDS.agreementId}
                value={values.agreementId}
                options={agreementOptions(detail)}
                onChange={(v) => setValues({ ...values, agreementId: v })}
                error={errors.agreementId ?? errors.municipalities ?? errors.id}
              />
              <Checkbox
                label={t('alliance.event.allParties')}
                description={t('alliance.event.allPartiesHint')}
                checked={values.allParties}
                onChange={(e) => setValues({ ...values, allParties: e.currentTarget.checked })}
              />
            </>
          ) : null}
          <EventFields values={values} onChange={setValues} errors={errors} idPrefix="event" notes={oneStep === undefined} />
          <LifecycleRecordFields ags={ags} date={values.date} state={lifecycle} values={rec} onChange={setRec} errors={errors} />
          {oneStep === 'council' || oneStep === 'analysisStart' || oneStep === 'analysisComplete' ? (
            <RecordFormLink kind={oneStep} ags={ags} date={values.date} />
          ) : (
            <div>
              <Button type="submit" loading={record.isPending || change.isPending || start.isPending || end.isPending}>
                {oneStep ? t('alliance.record.submitWithRecord') : t('alliance.record.submit')}
              </Button>
            </div>
          )}
        </Stack>
      </form>
    </>
  );
}
