import type { Actor } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { type DemoSummary, runDemo } from '../alliance/index.ts';
import { addDemoCouncils, type CouncilDemoSummary } from '../councils/index.ts';
import { addDemoCrimeFigures } from '../crime-stats/index.ts';
import { addDemoFunding, type FundingDemoSummary } from '../funding/index.ts';
import { addDemoSecurityAnalysis } from '../security-analysis/index.ts';
import { addDemoSurvey, addDemoSurveyMargins, type SurveyDemoSummary } from '../surveys/index.ts';

/*
 * The demo data of every module, in the order they build on each other: the alliance history
 * first (the events the others refer to), then crime figures, the funding programme and the
 * councils with coaching and training in the same transaction; then the citizen survey, its
 * margins and a security analysis of the survey's municipality, each in a transaction of its own.
 */

export interface FullDemoSummary {
  alliance: DemoSummary;
  crime: { municipalities: number; rows: number };
  funding: FundingDemoSummary;
  councils: CouncilDemoSummary;
  survey: SurveyDemoSummary;
  securityAnalysisId: number | null;
}

/** Adds the labelled fictional data of every module (`praevis demo`). */
export async function addDemoData(db: Db, actor: Actor, opts: { force: boolean; seed?: number }): Promise<FullDemoSummary> {
  const first = await db.transaction().execute(async (trx) => {
    const alliance = await runDemo(trx, actor, { force: opts.force, seed: opts.seed });
    const crime = await addDemoCrimeFigures(trx, actor, { seed: opts.seed });
    const funding = await addDemoFunding(trx, actor, { seed: opts.seed });
    const councils = await addDemoCouncils(trx, actor, { seed: opts.seed });
    return { alliance, crime, funding, councils };
  });
  const survey = await db.transaction().execute((trx) => addDemoSurvey(trx, actor, { seed: opts.seed }));
  if (survey.surveyId !== null) await db.transaction().execute((trx) => addDemoSurveyMargins(trx, actor, survey.surveyId!));
  const { analysisId } = await db.transaction().execute((trx) => addDemoSecurityAnalysis(trx, actor, { surveyId: survey.surveyId }));
  return { ...first, survey, securityAnalysisId: analysisId };
}
