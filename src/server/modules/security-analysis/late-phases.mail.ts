import { type AnalysisPhase, PHASE_LABELS } from '../../../shared/security-analysis.schema.ts';
import { formatDate } from '../../../shared/time.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { publicLink, queueMail } from '../mail/index.ts';
import * as repo from './security-analysis.repository.ts';
import { isLate } from './security-analysis.shared.ts';

/*
 * The mail to an analysis's owner at the LPR (the account that created it) when one of its phases
 * becomes late (issue 19): a planned start or end has passed without its actual date, as the
 * analysis page shows it. Detected by the daily run; each phase is written about once, by the
 * dedupe key of analysis, phase and its planned dates, however often and in how many processes the
 * run happens. A phase replanned to new dates that pass again is written about again.
 */

/** Queues one message per late phase not written about yet; returns how many were queued. */
export async function queueLatePhaseMails(db: DbOrTrx, today: string): Promise<number> {
  const analyses = await repo.listOpenAnalysesWithOwner(db);
  if (analyses.length === 0) return 0;
  const phases = await repo.listPhases(
    db,
    analyses.map((a) => a.id),
  );
  let queued = 0;
  for (const a of analyses) {
    const lang = a.owner_locale === 'en' ? 'en' : 'de';
    for (const p of phases.filter((x) => x.analysis_id === a.id && isLate(x, today))) {
      const endMissed = p.planned_end !== null && p.planned_end < today && p.actual_end === null;
      const reason = endMissed
        ? lang === 'en'
          ? `its planned end (${formatDate(p.planned_end, lang)}) has passed and it is not finished.`
          : `Das geplante Ende (${formatDate(p.planned_end, lang)}) ist überschritten, die Phase ist nicht abgeschlossen.`
        : lang === 'en'
          ? `its planned start (${formatDate(p.planned_start, lang)}) has passed and it has not started.`
          : `Der geplante Beginn (${formatDate(p.planned_start, lang)}) ist überschritten, die Phase hat nicht begonnen.`;
      const id = await queueMail(db, {
        kind: 'analysis.phase-late',
        category: 'analysis',
        to: { email: a.owner_email, userId: a.created_by, language: lang },
        template: 'analysis.phase-late',
        data: {
          recipientName: a.owner_name,
          analysisTitle: a.title,
          municipalityName: a.municipality_name,
          contractor: a.contractor || '–',
          phaseLabel: PHASE_LABELS[p.phase as AnalysisPhase][lang],
          plannedStartText: formatDate(p.planned_start, lang),
          plannedEndText: formatDate(p.planned_end, lang),
          reason,
          analysisUrl: publicLink(`/security-analyses/${a.id}`),
        },
        dedupeKey: `analysis-late:${a.id}:${p.phase}:${p.planned_start ?? '-'}:${p.planned_end ?? '-'}`,
      });
      if (id !== null) queued += 1;
    }
  }
  return queued;
}
