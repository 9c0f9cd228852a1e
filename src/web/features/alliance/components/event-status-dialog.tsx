import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelSchema, correctEventSchema, type AllianceEvent } from '../../../../shared/alliance.schema.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { zodPathErrors } from '../../../ui/form-errors.ts';
import { useCancelEvent, useCorrectEvent } from '../api.ts';
import { eventFormOf, eventInputOf, type EventFormValues } from '../event-form-model.ts';
import { eventTypeLabel } from '../status-style.ts';
import { EventFields } from './event-fields.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

export type StatusAction = 'correct' | 'cancel';

/** `event.date` → `date`: the correction's fields are those of the event form. */
function flatten(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^event\./, ''), v]));
}

/**
 * Corrects or cancels an event. A reason is required; the dialog is the confirmation, and nothing
 * is deleted: the event stays in the history, marked and linked to its correction.
 */
export function EventStatusDialog({ event, action, onClose }: { event: AllianceEvent; action: StatusAction; onClose(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const correct = useCorrectEvent();
  const cancel = useCancelEvent();
  const [values, setValues] = useState<EventFormValues>(() => eventFormOf(event));
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const prefix = `status-${event.id}`;
  const fields: Record<string, FieldRef> = {
    reason: { id: `${prefix}-reason`, label: t('alliance.timeline.reason') },
    date: { id: `${prefix}-date`, label: t('alliance.event.date') },
    topic: { id: `${prefix}-topic`, label: t('alliance.event.topic') },
    participants: { id: `${prefix}-participants`, label: t('alliance.event.participants') },
    notes: { id: `${prefix}-notes`, label: t('alliance.event.notes') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input =
      action === 'correct' ? { version: event.version, reason, event: eventInputOf(values) } : { version: event.version, reason };
    const parsed = action === 'correct' ? correctEventSchema.safeParse(input) : cancelSchema.safeParse(input);
    if (!parsed.success) {
      setReport(inputReport(flatten(zodPathErrors(parsed.error))));
      return;
    }
    setReport(null);
    try {
      if (action === 'correct') await correct.mutateAsync({ id: event.id, ...correctEventSchema.parse(input) });
      else await cancel.mutateAsync({ id: event.id, ...cancelSchema.parse(input) });
      onClose();
      notify(action === 'correct' ? 'eventCorrected' : 'eventCancelled');
    } catch (err) {
      const r = describeError(err, { byPath: true });
      setReport({ ...r, fields: flatten(r.fields) });
    }
  }

  const title = action === 'correct' ? t('alliance.timeline.correctTitle') : t('alliance.timeline.cancelTitle');
  return (
    <Modal opened onClose={onClose} title={title} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Text mb="sm">
        {t('alliance.timeline.which', { type: eventTypeLabel(event.type), date: formatDate(event.date, currentLanguage()) })}
      </Text>
      <Text size="sm" mb="md">
        {action === 'correct' ? t('alliance.timeline.correctText') : t('alliance.timeline.cancelText')}
      </Text>
      <ErrorSummary report={report} fields={fields} />
      <form onSubmit={submit} noValidate>
        <Stack>
          {action === 'correct' ? (
            <EventFields values={values} onChange={setValues} errors={report?.fields ?? {}} idPrefix={prefix} />
          ) : null}
          <Textarea
            id={fields.reason!.id}
            label={t('alliance.timeline.reason')}
            description={t('alliance.timeline.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={LIMITS.reasonMax}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={report?.fields.reason}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={action === 'cancel' ? 'red.9' : undefined} loading={correct.isPending || cancel.isPending}>
              {action === 'correct' ? t('alliance.timeline.correctConfirm') : t('alliance.timeline.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
