import { bytesToVector, compileCodebook } from '../../../../shared/survey-questionnaire.ts';
import type { Estimate, IndexId } from '../../../../shared/survey-results.schema.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { notFound } from '../../../http/problem.ts';
import { parseDefinition } from '../surveys.service.ts';
import { loadSurveyData, weightsOf } from './analysis.service.ts';
import * as repo from './analysis.repository.ts';
import { unweightedDesign } from './linearise.ts';
import { addStats, computeIndexStats, estimate, publicEstimate, type Stats } from './indices.ts';

/*
 * The standard indices of one municipality of a survey (felt safety at night, incivilities,
 * avoidance, victimisation, trust), for pages outside the survey such as the security analysis.
 *
 * When the survey covers this municipality alone and its margins weight the answers, the indices
 * are the weighted ones of the survey's results page (the same matrix, the same raking).
 * Otherwise (no margins, or a survey of several municipalities, whose margins describe them
 * together) they are computed unweighted over the municipality's own responses, one
 * questionnaire version at a time, and `weighting` is null.
 */

export interface MunicipalityIndex {
  id: IndexId;
  unit: 'share' | 'score';
  label: { de: string; en: string };
  /** Share 0–1 or score 0–100, suppressed below the survey's k. */
  estimate: Estimate;
}

export interface MunicipalityIndices {
  /** Access codes issued for the municipality. */
  sampleSize: number;
  responses: number;
  /** The raking that weighted the indices; null when they are unweighted. */
  weighting: { iterations: number; converged: boolean } | null;
  indices: MunicipalityIndex[];
}

/** Whether a survey can be linked to a municipality: null when it covers it, else why not. */
export async function checkSurveyCoversMunicipality(
  db: DbOrTrx,
  surveyId: number,
  ags: string,
): Promise<'unknown' | 'other_municipality' | null> {
  const covers = await repo.surveyCoversMunicipality(db, surveyId, ags);
  if (covers === undefined) return 'unknown';
  return covers ? null : 'other_municipality';
}

/** The survey's indices for one municipality, weighted when the survey is its alone and margins apply. */
export async function municipalityIndices(db: DbOrTrx, surveyId: number, ags: string): Promise<MunicipalityIndices> {
  const survey = await repo.findSurveyForAnalysis(db, surveyId);
  if (!survey) throw notFound({ de: 'Diese Befragung gibt es nicht.', en: 'This survey does not exist.' });
  const k = survey.k_min;
  const sampleSize = await repo.countCodesOfMunicipality(db, surveyId, ags);
  const present = (id: IndexId, unit: 'share' | 'score', label: { de: string; en: string }, stats: Stats): MunicipalityIndex => ({
    id,
    unit,
    label,
    estimate: publicEstimate(estimate(stats, unit, k)),
  });

  const covered = await repo.listSurveyAgs(db, surveyId);
  if (covered.length === 1) {
    const data = await loadSurveyData(db, null, surveyId);
    const { weights, report, design } = await weightsOf(db, data, true, 'de');
    if (weights) {
      return {
        sampleSize,
        responses: data.matrix.rows,
        weighting: { iterations: report.iterations, converged: report.converged },
        indices: computeIndexStats(data.codebook, data.matrix, design, 'de').map((s) => present(s.id, s.unit, s.label, s.total)),
      };
    }
  }

  const rows = await repo.listResponsesOfMunicipality(db, surveyId, ags);
  const definitions = new Map((await repo.listQuestionnaireDefinitions(db, surveyId)).map((d) => [d.version, d.definition_json]));
  const versions = [...new Set(rows.map((r) => r.questionnaire_version))].sort((a, b) => a - b);
  const totals = new Map<IndexId, { unit: 'share' | 'score'; label: { de: string; en: string }; stats: Stats }>();
  for (const v of versions) {
    const json = definitions.get(v);
    if (json === undefined) continue;
    const codebook = compileCodebook(parseDefinition(json));
    const own = rows.filter((r) => r.questionnaire_version === v);
    const data = new Uint16Array(own.length * codebook.length);
    own.forEach((r, i) => {
      const vec = bytesToVector(r.answers);
      data.set(vec.subarray(0, codebook.length), i * codebook.length);
    });
    for (const s of computeIndexStats(codebook, { rows: own.length, cols: codebook.length, data }, unweightedDesign(own.length), 'de')) {
      const t = totals.get(s.id);
      totals.set(s.id, { unit: s.unit, label: s.label, stats: t ? addStats(t.stats, s.total) : s.total });
    }
  }
  return {
    sampleSize,
    responses: rows.length,
    weighting: null,
    indices: [...totals.entries()].map(([id, t]) => present(id, t.unit, t.label, t.stats)),
  };
}

/** A completed wave of one municipality: a closed survey's field period and its indices there. */
export interface CompletedWave {
  surveyId: number;
  title: string;
  fieldStart: string;
  fieldEnd: string;
  ags: string;
  indices: MunicipalityIndex[];
}

/**
 * The indices of every completed (closed) survey wave per municipality it covers, as
 * `municipalityIndices` gives them (linearised standard errors; suppressed below the survey's k).
 * `untilYear` leaves out waves that ended after that year.
 */
export async function completedSurveyWaves(db: DbOrTrx, opts: { untilYear?: number } = {}): Promise<CompletedWave[]> {
  const rows = await repo.listClosedSurveyMunicipalities(db);
  const out: CompletedWave[] = [];
  for (const r of rows) {
    if (opts.untilYear !== undefined && Number(r.field_end.slice(0, 4)) > opts.untilYear) continue;
    const m = await municipalityIndices(db, r.survey_id, r.ags);
    out.push({ surveyId: r.survey_id, title: r.title, fieldStart: r.field_start, fieldEnd: r.field_end, ags: r.ags, indices: m.indices });
  }
  return out;
}
