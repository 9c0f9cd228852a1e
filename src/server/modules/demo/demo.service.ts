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
 * first (the events the others refer to), then crime figures, the funding programme, the councils
 * with coaching and training, the citizen survey, its margins and a security analysis of the
 * survey's municipality. All in one transaction: a run that is interrupted (killed, or failing
 * half-way) leaves nothing behind, so a rerun starts clean and never adds a second history.
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
  return db.transaction().execute(async (trx) => {
    const alliance = await runDemo(trx, actor, { force: opts.force, seed: opts.seed });
    const crime = await addDemoCrimeFigures(trx, actor, { seed: opts.seed });
    const funding = await addDemoFunding(trx, actor, { seed: opts.seed });
    const councils = await addDemoCouncils(trx, actor, { seed: opts.seed });
    const survey = await addDemoSurvey(trx, actor, { seed: opts.seed });
    if (survey.surveyId !== null) await addDemoSurveyMargins(trx, actor, survey.surveyId);
    const { analysisId } = await addDemoSecurityAnalysis(trx, actor, { surveyId: survey.surveyId });
    return { alliance, crime, funding, councils, survey, securityAnalysisId: analysisId };
  });
}
