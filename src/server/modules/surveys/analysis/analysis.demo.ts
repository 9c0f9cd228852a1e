import type { Actor } from '../../../auth/principal.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { recordAudit } from '../../audit/index.ts';
import * as repo from './analysis.repository.ts';
import { loadSurveyHead } from './analysis.service.ts';
import { nowIso } from '../../../../shared/time.ts';

/*
 * Margins for the demo survey (`praevis demo`): the municipality's population from the directory
 * (total and male), spread over the age groups 16+ with the age structure of a small Saxon town
 * (an old population: a third is 65 or older) and, within each group, over women and men (more
 * women among the old); the areas (Ortsteile) of the demo questionnaire get plausible shares.
 * Fictional like every demo entry, but of the town's real size.
 */

// Share of each age group in the population aged 16 and over, and the share of women in it.
const AGE_STRUCTURE: Array<[string, number, number]> = [
  ['a16_24', 0.075, 0.47],
  ['a25_34', 0.115, 0.46],
  ['a35_44', 0.14, 0.48],
  ['a45_54', 0.14, 0.49],
  ['a55_64', 0.19, 0.5],
  ['a65_74', 0.16, 0.53],
  ['a75', 0.18, 0.62],
];
const AREA_SHARES: Record<string, number> = { mitte: 0.31, nord: 0.19, ost: 0.17, sued: 0.2, west: 0.13 };
/** Residents aged 16 and over, as a share of all residents. */
const ADULT_SHARE = 0.86;

export interface DemoMarginsSummary {
  skipped: boolean;
  cells: number;
  population: number;
}

/** Stores margins for the demo survey (once: a survey that has margins keeps them). */
export async function addDemoSurveyMargins(db: DbOrTrx, actor: Actor, surveyId: number): Promise<DemoMarginsSummary> {
  if (await repo.findMarginSet(db, surveyId)) return { skipped: true, cells: 0, population: 0 };
  const head = await loadSurveyHead(db, null, surveyId, 'results');
  const places = await repo.listMunicipalityFigures(db, [...head.scope.ags]);
  const total = places.reduce((s, p) => s + (p.population ?? 0), 0) || 20_000;
  const adults = Math.round(total * ADULT_SHARE);
  const ageSex = AGE_STRUCTURE.flatMap(([ageGroup, share, women]) => {
    const group = adults * share;
    return [
      { dimension: 'age_sex', cell: `${ageGroup}:w`, population: Math.round(group * women) },
      { dimension: 'age_sex', cell: `${ageGroup}:m`, population: Math.round(group * (1 - women)) },
    ];
  });
  const areaCodes = head.codebook.find((v) => v.role === 'area')?.values.map((v) => v.code) ?? [];
  const known = areaCodes.filter((c) => AREA_SHARES[c] !== undefined);
  const sum = known.reduce((s, c) => s + AREA_SHARES[c]!, 0);
  const areas = known.map((c) => ({ dimension: 'area', cell: c, population: Math.round((adults * AREA_SHARES[c]!) / sum) }));
  await repo.saveMarginSet(
    db,
    { survey_id: surveyId, source: 'manual', updated_at: nowIso(), updated_by: actor.userId, trim_upper: null },
    0,
  );
  await repo.replaceMargins(db, surveyId, [...ageSex, ...areas]);
  await recordAudit(db, actor, {
    action: 'survey.margins.demo',
    entityType: 'survey',
    entityId: String(surveyId),
    after: { ageSex: ageSex.length, areas: areas.length, population: adults },
  });
  return { skipped: false, cells: ageSex.length + areas.length, population: adults };
}
