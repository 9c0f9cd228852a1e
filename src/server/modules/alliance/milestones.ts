import type { EventType } from '../../../shared/alliance.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { listTimeline } from './alliance.repository.ts';
import { cancelEvent, recordEvent } from './events.service.ts';

/*
 * Milestones of the councils, coaching and priorities are alliance events: those modules record
 * them here, through the alliance service (its rules, its audit, its figures cache), never in
 * tables of their own.
 * An event already recorded by the state council staff for the same day is linked, not entered twice.
 */

type Milestone = Extract<
  EventType,
  | 'council_resolution'
  | 'council_constituted'
  | 'coaching_started'
  | 'coaching_ended'
  | 'problem_fields_identified'
  | 'prevention_areas_defined'
>;

/** Renames the alliance's field names (`date`, `type`) to the field of the caller's form. */
function remap(err: unknown, field: string): unknown {
  if (err instanceof AppError && err.fieldErrors?.length) {
    return new AppError(
      err.kind,
      err.detail,
      err.fieldErrors.map((f) => ({ ...f, field: f.field === 'date' || f.field === 'type' ? field : f.field })),
      err.current,
      err.headers,
    );
  }
  return err;
}

/** Records (or links) the alliance event of a milestone and returns its id. */
export async function recordMilestone(
  db: DbOrTrx,
  actor: Actor,
  ags: string,
  type: Milestone,
  date: string,
  field: string,
  notes: string,
  opts: { linkExisting?: boolean; exclude?: number[] } = {},
): Promise<number> {
  if (opts.linkExisting !== false) {
    const existing = (await listTimeline(db, ags)).find((e) => e.type === type && e.date === date && !(opts.exclude ?? []).includes(e.ref));
    if (existing) return existing.ref;
  }
  try {
    return (await recordEvent(db, actor, ags, { type, date, notes })).id;
  } catch (err) {
    throw remap(err, field);
  }
}

/** Cancels a milestone's alliance event (when the record that caused it is withdrawn). */
export async function cancelMilestone(
  db: DbOrTrx,
  actor: Actor,
  eventId: number,
  version: number,
  reason: string,
  field: string,
): Promise<void> {
  try {
    await cancelEvent(db, actor, eventId, { version, reason });
  } catch (err) {
    throw remap(err, field);
  }
}
