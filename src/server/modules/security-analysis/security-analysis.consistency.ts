import type { EventLink } from '../../../shared/consistency.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './security-analysis.repository.ts';

/** The security analyses' starts and completions, each standing for an alliance event (decision 026). */
export async function listAnalysisEventLinks(db: DbOrTrx): Promise<EventLink[]> {
  const out: EventLink[] = [];
  for (const r of await repo.listAnalysisEventLinks(db)) {
    const base = {
      module: 'security-analysis',
      recordType: 'security_analysis',
      recordId: String(r.id),
      ags: r.ags,
      link: `/security-analyses/${r.id}`,
      name: { de: `Sicherheitsanalyse „${r.title}“`, en: `Security analysis "${r.title}"` },
    };
    if (r.started_on) out.push({ ...base, eventType: 'analysis_started', date: r.started_on, eventId: r.started_event_id });
    if (r.completed_on) out.push({ ...base, eventType: 'analysis_completed', date: r.completed_on, eventId: r.completed_event_id });
  }
  return out;
}
