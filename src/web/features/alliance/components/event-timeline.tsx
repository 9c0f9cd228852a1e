import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, AllianceEvent } from '../../../../shared/alliance.schema.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { eventTypeLabel } from '../status-style.ts';
import { EventStatusDialog, type StatusAction } from './event-status-dialog.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate, formatDateTime } from '../../../../shared/time.ts';

function EventDetails({ event, agreements }: { event: AllianceEvent; agreements: Agreement[] }) {
  const { t } = useTranslation();
  const agreement = event.agreementId === null ? null : agreements.find((a) => a.id === event.agreementId);
  const lines: [string, string][] = [];
  if (event.topic) lines.push([t('alliance.event.topic'), event.topic]);
  if (event.participants) lines.push([t('alliance.event.participants'), event.participants]);
  if (event.kind) lines.push([t('alliance.event.kind'), t(`alliance.event.kinds.${event.kind}`)]);
  if (event.agreementId !== null)
    lines.push([t('alliance.event.agreement'), agreement?.title || agreement?.reference || `#${event.agreementId}`]);
  if (event.notes) lines.push([t('alliance.event.notes'), event.notes]);
  if (!lines.length) return null;
  return (
    <dl className="event-details">
      {lines.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusNote({ event, byId }: { event: AllianceEvent; byId: Map<number, AllianceEvent> }) {
  const { t } = useTranslation();
  const who = event.statusChangedBy?.name ?? '–';
  const when = event.statusChangedAt ? formatDateTime(event.statusChangedAt, currentLanguage()) : '–';
  if (event.status === 'cancelled') {
    return <Text size="sm">{t('alliance.timeline.cancelledNote', { who, when, reason: event.statusReason ?? '–' })}</Text>;
  }
  if (event.status === 'corrected') {
    const by = event.supersededById === null ? undefined : byId.get(event.supersededById);
    return (
      <Text size="sm">
        {t('alliance.timeline.correctedNote', {
          who,
          when,
          reason: event.statusReason ?? '–',
          date: by ? formatDate(by.date, currentLanguage()) : '–',
        })}
      </Text>
    );
  }
  return null;
}

/** Every event of the municipality by date; corrected and cancelled ones stay, marked, with their reason. */
export function EventTimeline({ events, agreements, canRecord }: { events: AllianceEvent[]; agreements: Agreement[]; canRecord: boolean }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ event: AllianceEvent; action: StatusAction } | null>(null);
  const byId = new Map(events.map((e) => [e.id, e]));
  if (!events.length) return <Text>{t('alliance.timeline.empty')}</Text>;
  return (
    <>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} data-event-status={e.status} data-event-type={e.type}>
            <Stack gap={4}>
              <Group gap="xs">
                <Title order={3} fz="md" className="timeline-title">
                  <time dateTime={e.date}>{formatDate(e.date, currentLanguage())}</time> · {eventTypeLabel(e.type)}
                </Title>
                {e.status === 'cancelled' ? <StatusBadge tone="warning">{t('alliance.timeline.cancelled')}</StatusBadge> : null}
                {e.status === 'corrected' ? <StatusBadge tone="neutral">{t('alliance.timeline.corrected')}</StatusBadge> : null}
                {e.correctsId !== null ? <StatusBadge tone="ok">{t('alliance.timeline.correction')}</StatusBadge> : null}
              </Group>
              <EventDetails event={e} agreements={agreements} />
              <StatusNote event={e} byId={byId} />
              <Text size="xs" c="dimmed">
                {t('alliance.timeline.recorded', {
                  who: e.createdBy?.name ?? t(`alliance.timeline.sources.${e.source}`),
                  when: formatDateTime(e.createdAt, currentLanguage()),
                })}
              </Text>
              {canRecord && e.status === 'active' ? (
                <Group gap="xs">
                  <Button
                    variant="default"
                    size="compact-sm"
                    onClick={() => setPending({ event: e, action: 'correct' })}
                    aria-label={t('alliance.timeline.correctLabel', {
                      type: eventTypeLabel(e.type),
                      date: formatDate(e.date, currentLanguage()),
                    })}
                  >
                    {t('alliance.timeline.correct')}
                  </Button>
                  <Button
                    variant="default"
                    size="compact-sm"
                    onClick={() => setPending({ event: e, action: 'cancel' })}
                    aria-label={t('alliance.timeline.cancelLabel', {
                      type: eventTypeLabel(e.type),
                      date: formatDate(e.date, currentLanguage()),
                    })}
                  >
                    {t('alliance.timeline.cancel')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </li>
        ))}
      </ol>
      {pending ? (
        <EventStatusDialog key={pending.event.id} event={pending.event} action={pending.action} onClose={() => setPending(null)} />
      ) : null}
    </>
  );
}
