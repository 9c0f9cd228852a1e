import { Button, Checkbox, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COACHING_LIMITS } from '../../../../shared/coaching.schema.ts';
import type { EventType } from '../../../../shared/alliance.schema.ts';
import { formatDate } from '../../../../shared/time.ts';
import { CoachSelect, useCoaches, useRunningCoaching } from '../../coaching/index.ts';

/*
 * Issue 14, item 1 (decisions 026 and 035): a lifecycle event and the module record that stands for
 * it are entered in one step. Coaching: the event form starts or ends the process itself, in one
 * request to the coaching API, which records the event linked to the process in the same
 * transaction. Council and security analysis: their records need more than an event form holds
 * (a council's name and founding resolution; an analysis's contractor, phases and frozen final
 * report), so the form sends the user to the record's own form, prefilled.
 */

/** How the record of a lifecycle event is made from the event form. */
export type LifecycleRecordKind = 'coachingStart' | 'coachingEnd' | 'council' | 'analysisStart' | 'analysisComplete';

export const RECORD_OF_EVENT: Partial<Record<EventType, LifecycleRecordKind>> = {
  coaching_started: 'coachingStart',
  coaching_ended: 'coachingEnd',
  council_constituted: 'council',
  analysis_started: 'analysisStart',
  analysis_completed: 'analysisComplete',
};

/** The record part of the form: which process to end, the coach and goals of a new one. */
export interface LifecycleRecordValues {
  withRecord: boolean;
  coachId: string;
  goals: string;
  endReport: string;
}

export const emptyLifecycleRecord = (): LifecycleRecordValues => ({ withRecord: true, coachId: '', goals: '', endReport: '' });

export const LIFECYCLE_FIELD_IDS = { coachId: 'event-coach', goals: 'event-goals', endReport: 'event-end-report' } as const;

/** Where the record's own form opens, prefilled with the municipality (and the date, where it takes one). */
export function recordFormHref(kind: 'council' | 'analysisStart' | 'analysisComplete', ags: string, date: string): string {
  const q = new URLSearchParams({ ags });
  if (kind === 'council') {
    if (date) q.set('constitutedOn', date);
    return `/councils/new?${q.toString()}`;
  }
  // The event's date is the analysis's planned start; a completion is recorded on the analysis's page.
  if (kind === 'analysisStart' && date) q.set('plannedStart', date);
  return `/security-analyses?${q.toString()}#sa-create`;
}

/** What the event form needs to know about the municipality's record for the chosen event type. */
export function useLifecycleRecord(ags: string, type: EventType) {
  const kind = RECORD_OF_EVENT[type];
  const running = useRunningCoaching(ags, kind === 'coachingEnd');
  const coaches = useCoaches(kind === 'coachingStart');
  const runningProcess = kind === 'coachingEnd' ? (running.data?.items[0] ?? null) : null;
  // Ending needs a running process on record; without one the end is an event of the history only.
  const offered = kind !== undefined && (kind !== 'coachingEnd' || runningProcess !== null);
  return { kind: offered ? kind : undefined, runningProcess, coaches: (coaches.data ?? []).filter((c) => c.active) };
}

/** The choice to make the record too, and the record's own fields. */
export function LifecycleRecordFields(props: {
  ags: string;
  date: string;
  state: ReturnType<typeof useLifecycleRecord>;
  values: LifecycleRecordValues;
  onChange(v: LifecycleRecordValues): void;
  errors: Record<string, string | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const { state, values: v, errors } = props;
  const kind = state.kind;
  if (!kind) return null;
  const set = <K extends keyof LifecycleRecordValues>(k: K, value: LifecycleRecordValues[K]) => props.onChange({ ...v, [k]: value });
  const p = state.runningProcess;
  const label =
    kind === 'coachingEnd' && p
      ? t('alliance.record.withRecord.coachingEnd', { date: formatDate(p.startedOn, i18n.language), coach: p.coachName })
      : t(`alliance.record.withRecord.${kind}`);
  return (
    <>
      <Checkbox
        id="event-with-record"
        label={label}
        description={t(`alliance.record.withRecordHint.${kind}`)}
        checked={v.withRecord}
        onChange={(e) => set('withRecord', e.currentTarget.checked)}
      />
      {v.withRecord && kind === 'coachingStart' ? (
        <>
          <CoachSelect
            id={LIFECYCLE_FIELD_IDS.coachId}
            label={t('alliance.record.coach')}
            required
            coaches={state.coaches}
            placeholder={t('alliance.event.chooseAgreement')}
            value={v.coachId}
            error={errors.coachId}
            onChange={(coachId) => set('coachId', coachId)}
          />
          <Textarea
            id={LIFECYCLE_FIELD_IDS.goals}
            label={t('alliance.record.goals')}
            autosize
            minRows={2}
            maxLength={COACHING_LIMITS.textMax}
            value={v.goals}
            error={errors.goals}
            onChange={(e) => set('goals', e.currentTarget.value)}
          />
        </>
      ) : null}
      {v.withRecord && kind === 'coachingEnd' ? (
        <Textarea
          id={LIFECYCLE_FIELD_IDS.endReport}
          label={t('alliance.record.endReport')}
          autosize
          minRows={2}
          maxLength={COACHING_LIMITS.textMax}
          value={v.endReport}
          error={errors.endReport}
          onChange={(e) => set('endReport', e.currentTarget.value)}
        />
      ) : null}
    </>
  );
}

/** The way to the record's own form (council, security analysis), in place of saving the bare event. */
export function RecordFormLink(props: { kind: 'council' | 'analysisStart' | 'analysisComplete'; ags: string; date: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" mb="xs">
        {t(`alliance.record.toForm.${props.kind}`)}
      </Text>
      <Button component={Link} to={recordFormHref(props.kind, props.ags, props.date)}>
        {t(`alliance.record.toFormButton.${props.kind}`)}
      </Button>
    </div>
  );
}
