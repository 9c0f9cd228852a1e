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
import { useAgreementEvents, useRecordEvent } from '../api.ts';
import { emptyEventForm, EVENT_FIELD_IDS, eventInputOf, type EventFormValues } from '../event-form-model.ts';
import { eventTypeLabel } from '../status-style.ts';
import { AgreementForm } from './agreement-form.tsx';
import { AgreementChoice, EventFields } from './event-fields.tsx';

const AGREEMENT_CHANGES: readonly EventType[] = ['agreement_amended', 'agreement_terminated'];

/** The agreements of this municipality that an amendment or termination can refer to. */
function agreementOptions(detail: MunicipalityDetail) {
  return detail.agreements
    .filter((a) => a.status === 'active' && a.parties.some((p) => p.ags === detail.municipality.ags && p.terminatedOn === null))
    .map((a) => ({ value: String(a.id), label: a.title || a.reference || `#${a.id}` }));
}

/** Records one event of the municipality; the agreement signing has a form of its own. */
export function RecordEventForm({ detail }: { detail: MunicipalityDetail }) {
  const { t } = useTranslation();
  const ags = detail.municipality.ags;
  const notify = useNotify();
  const record = useRecordEvent(ags);
  const change = useAgreementEvents();
  const [values, setValues] = useState<EventFormValues>(emptyEventForm());
  const [report, setReport] = useState<ErrorReport | null>(null);
  const isAgreementChange = AGREEMENT_CHANGES.includes(values.type);
  const labels: Record<keyof typeof EVENT_FIELD_IDS, string> = {
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
  };
  const fields = Object.fromEntries(
    (Object.keys(EVENT_FIELD_IDS) as (keyof typeof EVENT_FIELD_IDS)[]).map((k) => [k, { id: EVENT_FIELD_IDS[k], label: labels[k] }]),
  ) as Record<string, FieldRef>;

  function chooseType(type: EventType) {
    setValues({ ...emptyEventForm(type), date: values.date, notes: values.notes });
    setReport(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = isAgreementChange
      ? { type: values.type, date: values.date || undefined, notes: values.notes, municipalities: values.allParties ? undefined : [ags] }
      : eventInputOf(values);
    const parsed = isAgreementChange ? agreementEventsSchema.safeParse(input) : recordEventSchema.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (isAgreementChange && !values.agreementId) errors.agreementId = t('validation.required');
    if (!parsed.success || Object.keys(errors).length) {
      setReport({ title: t('errors.checkInput'), fields: errors, status: 400 });
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
          <EventFields values={values} onChange={setValues} errors={errors} idPrefix="event" />
          <div>
            <Button type="submit" loading={record.isPending || change.isPending}>
              {t('alliance.record.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}
