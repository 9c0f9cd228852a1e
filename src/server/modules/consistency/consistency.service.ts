import { EVENT_TYPE_LABELS } from '../../../shared/alliance.schema.ts';
import {
  CONTRADICTION_KIND_LABELS,
  type ConsistencyReport,
  type Contradiction,
  type EventLink,
} from '../../../shared/consistency.schema.ts';
import type { CsvDialect } from '../../lib/csv.ts';
import { tableDownload } from '../../lib/table-export.ts';
import { formatDate, todayBerlin } from '../../../shared/time.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findAllianceContradictions, listLifecycleEvents } from '../alliance/index.ts';
import { listCoachingEventLinks } from '../coaching/index.ts';
import { listCouncilEventLinks } from '../councils/index.ts';
import { findFundingContradictions } from '../funding/index.ts';
import { listAnalysisEventLinks } from '../security-analysis/index.ts';

/*
 * Every contradiction across the modules (decision 026), read through their index.ts: lifecycle
 * events without the record that stands for them and records without their event, dates after
 * today, payments before their request, grants without a completed review, projects whose stage
 * contradicts their funding, and figures that break the counting invariant of decision 005.
 */

const LIFECYCLE = ['council_constituted', 'coaching_started', 'coaching_ended', 'analysis_started', 'analysis_completed'] as const;

/** Which module's record stands for a lifecycle event, and where the user creates it. */
const RECORD_OF: Record<(typeof LIFECYCLE)[number], { de: string; en: string }> = {
  council_constituted: { de: 'kein Präventionsrat', en: 'no council record' },
  coaching_started: { de: 'kein Coachingprozess', en: 'no coaching process' },
  coaching_ended: { de: 'kein beendeter Coachingprozess', en: 'no ended coaching process' },
  analysis_started: { de: 'keine Sicherheitsanalyse', en: 'no security analysis' },
  analysis_completed: { de: 'keine abgeschlossene Sicherheitsanalyse', en: 'no completed security analysis' },
};

/** Compares the lifecycle events with the records that stand for them. */
export function compareEventsAndRecords(
  events: { id: number; ags: string; type: string; date: string }[],
  links: EventLink[],
  today: string,
): Contradiction[] {
  const out: Contradiction[] = [];
  const linked = new Set(links.map((l) => l.eventId).filter((id): id is number => id !== null));
  const active = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    if (linked.has(e.id)) continue;
    const label = EVENT_TYPE_LABELS[e.type as (typeof LIFECYCLE)[number]];
    const missing = RECORD_OF[e.type as (typeof LIFECYCLE)[number]];
    out.push({
      kind: 'event_without_record',
      module: 'alliance',
      recordType: 'alliance_event',
      recordId: String(e.id),
      ags: e.ags,
      date: e.date,
      link: `/municipalities/${e.ags}`,
      de: `Ereignis „${label.de}“ am ${formatDate(e.date, 'de', 'long')} (Nr. ${e.id}, AGS ${e.ags}): ${missing.de} dazu erfasst.`,
      en: `Event "${label.en}" on ${formatDate(e.date, 'en', 'long')} (no. ${e.id}, AGS ${e.ags}): ${missing.en} recorded for it.`,
    });
  }
  for (const l of links) {
    const label = EVENT_TYPE_LABELS[l.eventType];
    const event = l.eventId === null ? undefined : active.get(l.eventId);
    const base = { module: l.module, recordType: l.recordType, recordId: l.recordId, ags: l.ags, link: l.link };
    if (!event || event.type !== l.eventType) {
      out.push({
        ...base,
        kind: 'record_without_event',
        date: l.date,
        de: `${l.name.de} (AGS ${l.ags}): kein gültiges Ereignis „${label.de}“ am ${formatDate(l.date, 'de', 'long')} in der Historie der Kommune.`,
        en: `${l.name.en} (AGS ${l.ags}): no valid event "${label.en}" on ${formatDate(l.date, 'en', 'long')} in the municipality's history.`,
      });
    } else if (event.date !== l.date) {
      out.push({
        ...base,
        kind: 'record_without_event',
        date: l.date,
        de: `${l.name.de} (AGS ${l.ags}): „${label.de}“ am ${formatDate(l.date, 'de', 'long')}, das Ereignis Nr. ${event.id} sagt aber ${formatDate(event.date, 'de', 'long')}.`,
        en: `${l.name.en} (AGS ${l.ags}): "${label.en}" on ${formatDate(l.date, 'en', 'long')}, but event no. ${event.id} says ${formatDate(event.date, 'en', 'long')}.`,
      });
    }
    if (l.date > today)
      out.push({
        ...base,
        kind: 'date_in_future',
        date: l.date,
        de: `${l.name.de} (AGS ${l.ags}): „${label.de}“ am ${formatDate(l.date, 'de', 'long')}, nach heute.`,
        en: `${l.name.en} (AGS ${l.ags}): "${label.en}" on ${formatDate(l.date, 'en', 'long')}, after today.`,
      });
  }
  return out;
}

/** Every contradiction in the data at today's date (Europe/Berlin). */
export async function checkConsistency(db: DbOrTrx, today: string = todayBerlin()): Promise<ConsistencyReport> {
  const [events, councils, coaching, analyses, alliance, funding] = await Promise.all([
    listLifecycleEvents(db, [...LIFECYCLE]),
    listCouncilEventLinks(db),
    listCoachingEventLinks(db),
    listAnalysisEventLinks(db),
    findAllianceContradictions(db, today),
    findFundingContradictions(db, today),
  ]);
  const items = [...compareEventsAndRecords(events, [...councils, ...coaching, ...analyses], today), ...alliance, ...funding];
  const byKind: Record<string, number> = {};
  for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  return { today, total: items.length, byKind, items };
}

/** The contradictions at today as CSV or XLSX: one line each, German headers and texts like the page. */
export async function exportConsistency(db: DbOrTrx, q: { format: 'csv' | 'xlsx'; dialect: CsvDialect }) {
  const report = await checkConsistency(db);
  const header = ['Art', 'Modul', 'Datensatz', 'Nr.', 'AGS', 'Datum', 'Widerspruch', 'Seite'];
  const rows = report.items.map((i) => [
    CONTRADICTION_KIND_LABELS[i.kind].de,
    i.module,
    i.recordType,
    i.recordId,
    i.ags,
    i.date,
    i.de,
    i.link,
  ]);
  return tableDownload(header, rows, {
    format: q.format,
    dialect: q.dialect,
    sheet: 'Widersprüche',
    fileBase: `widersprueche-${report.today}`,
  });
}
