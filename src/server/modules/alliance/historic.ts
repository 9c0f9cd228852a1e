import type { EventType } from '../../../shared/alliance.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { listPlaces, listTimeline } from './alliance.repository.ts';
import { listLifecycleEvents } from './alliance.consistency.ts';

/*
 * Historic rows (decision 035): a history import brings lifecycle events (a coaching process that
 * started and ended, an analysis completed) for which no module record exists. The lists of
 * coaching processes and security analyses show each such process as a historic row, built here
 * from the events, so that the lists count what the figures count.
 */

/** A process as its start and end events say: one interval of a municipality. */
export interface LifecycleInterval {
  ags: string;
  municipalityName: string;
  districtAgs: string;
  directorateId: number | null;
  startEventId: number;
  startedOn: string;
  endEventId: number | null;
  endedOn: string | null;
}

interface LifecycleEvent {
  id: number;
  ags: string;
  type: EventType;
  date: string;
}

/**
 * Pairs each municipality's start and end events into intervals. The history rules allow one
 * process at a time, so starts and ends alternate; on one day an end closes the open process
 * before a start opens the next, and an end on the day of its own start closes that start.
 */
export function pairIntervals(
  events: readonly LifecycleEvent[],
  start: EventType,
  end: EventType,
): Omit<LifecycleInterval, 'municipalityName' | 'districtAgs' | 'directorateId'>[] {
  const byAgs = new Map<string, LifecycleEvent[]>();
  for (const e of events) {
    if (e.type !== start && e.type !== end) continue;
    let list = byAgs.get(e.ags);
    if (!list) byAgs.set(e.ags, (list = []));
    list.push(e);
  }
  const out: Omit<LifecycleInterval, 'municipalityName' | 'districtAgs' | 'directorateId'>[] = [];
  for (const [ags, list] of byAgs) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    let open: Omit<LifecycleInterval, 'municipalityName' | 'districtAgs' | 'directorateId'> | null = null;
    for (let i = 0; i < list.length;) {
      const date = list[i]!.date;
      const day: LifecycleEvent[] = [];
      while (i < list.length && list[i]!.date === date) day.push(list[i++]!);
      const ends = day.filter((e) => e.type === end);
      const starts = day.filter((e) => e.type === start);
      const close = (e: LifecycleEvent) => {
        if (!open) return;
        open.endEventId = e.id;
        open.endedOn = e.date;
        out.push(open);
        open = null;
      };
      if (open && ends.length) close(ends.shift()!);
      for (const s of starts) {
        if (open) out.push(open); // a second start without an end: the history rules refuse it; kept visible
        open = { ags, startEventId: s.id, startedOn: s.date, endEventId: null, endedOn: null };
        if (ends.length) close(ends.shift()!);
      }
    }
    if (open) out.push(open);
  }
  return out.sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : a.startEventId - b.startEventId));
}

/**
 * The intervals of the given lifecycle, each saying whether a module record stands for its start
 * and for its end (`linked` are the event ids the records link to). A list shows as historic rows
 * the intervals whose event it counts has no record.
 */
export async function listHistoricIntervals(
  db: DbOrTrx,
  start: EventType,
  end: EventType,
  linked: ReadonlySet<number>,
): Promise<(LifecycleInterval & { startLinked: boolean; endLinked: boolean })[]> {
  const [events, places] = await Promise.all([listLifecycleEvents(db, [start, end]), listPlaces(db)]);
  const placeOf = new Map(places.map((p) => [p.ags, p]));
  return pairIntervals(events, start, end).map((iv) => ({
    ...iv,
    municipalityName: placeOf.get(iv.ags)?.name ?? iv.ags,
    districtAgs: placeOf.get(iv.ags)?.district_ags ?? '',
    directorateId: placeOf.get(iv.ags)?.directorate_id ?? null,
    startLinked: linked.has(iv.startEventId),
    endLinked: iv.endEventId !== null && linked.has(iv.endEventId),
  }));
}

/**
 * The end event the municipality's history pairs with one of its start events (null while that
 * process is open): a record that takes the start of a process the history already ended takes
 * its end too, so that the record and the figures agree (decision 035).
 */
export async function findPairedEnd(
  db: DbOrTrx,
  ags: string,
  start: EventType,
  end: EventType,
  startEventId: number,
): Promise<{ id: number; date: string } | null> {
  const events = (await listTimeline(db, ags)).map((e) => ({ id: e.ref, ags, type: e.type, date: e.date }));
  const iv = pairIntervals(events, start, end).find((i) => i.startEventId === startEventId);
  return iv?.endEventId != null && iv.endedOn !== null ? { id: iv.endEventId, date: iv.endedOn } : null;
}
