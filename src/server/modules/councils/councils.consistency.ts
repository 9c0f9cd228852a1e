import type { EventLink } from '../../../shared/consistency.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './councils.repository.ts';

/** The councils' records that stand for an alliance event: each constituted council, per municipality (decision 026). */
export async function listCouncilEventLinks(db: DbOrTrx): Promise<EventLink[]> {
  return (await repo.listConstitutedLinks(db)).map((r) => ({
    module: 'councils',
    recordType: 'council',
    recordId: String(r.id),
    ags: r.ags,
    eventType: 'council_constituted',
    date: r.constituted_on!,
    eventId: r.constituted_event_id,
    link: `/councils/${r.id}`,
    name: { de: `Präventionsrat „${r.name}“`, en: `Council "${r.name}"` },
  }));
}
