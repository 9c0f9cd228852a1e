import type { EventLink } from '../../../shared/consistency.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './coaching.repository.ts';

/** The coaching processes' starts and ends, each standing for an alliance event (decision 026). */
export async function listCoachingEventLinks(db: DbOrTrx): Promise<EventLink[]> {
  const out: EventLink[] = [];
  for (const r of await repo.listProcessEventLinks(db)) {
    const base = {
      module: 'coaching',
      recordType: 'coaching_process',
      recordId: String(r.id),
      ags: r.ags,
      link: '/coaching',
      name: { de: `Coachingprozess Nr. ${r.id}`, en: `Coaching process no. ${r.id}` },
    };
    out.push({ ...base, eventType: 'coaching_started', date: r.started_on, eventId: r.start_event_id });
    if (r.ended_on) out.push({ ...base, eventType: 'coaching_ended', date: r.ended_on, eventId: r.end_event_id });
  }
  return out;
}
