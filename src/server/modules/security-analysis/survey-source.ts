/*
 * The seam to the citizen survey. The profile needs, for the analysed municipality: the sample
 * size (access codes issued), the responses, the response rate, the suppression threshold and
 * the standard indices (felt safety at night, incivilities, avoidance, victimisation, trust).
 *
 * The survey's own service answers who may see the survey and its state (`getSurveyDetail`).
 * When the survey covers this municipality alone and its margins weight the answers, the indices
 * are the survey analysis' weighted ones (`loadSurveyData`, `weightsOf`: the same figures as the
 * survey's results page). Otherwise (no margins, or a survey of several municipalities, whose
 * margins describe them together) they are computed unweighted over the municipality's own
 * responses, one questionnaire version at a time, and the summary says so.
 */
import { bytesToVector, compileCodebook, type QuestionnaireDefinition } from '../../../shared/survey-questionnaire.ts';
import type { SurveySummary } from '../../../shared/security-analysis.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { loadSurveyData, weightsOf } from '../surveys/analysis/analysis.service.ts';
import { addStats, computeIndexStats, estimate, type Stats } from '../surveys/analysis/indices.ts';
import { getSurveyDetail, parseDefinition } from '../surveys/surveys.service.ts';

const SOURCE = 'Bürgerbefragung zum Sicherheitsgefühl (Praevis)';

/** Whether the survey exists and covers the municipality (for linking); a message otherwise. */
export async function checkSurveyLink(db: DbOrTrx, surveyId: number, ags: string): Promise<string | null> {
  const row = await db.selectFrom('surveys').select('id').where('id', '=', surveyId).executeTakeFirst();
  if (!row) return 'unknown';
  const m = await db.selectFrom('survey_municipalities').select('ags').where('survey_id', '=', surveyId).where('ags', '=', ags).executeTakeFirst();
  return m ? null : 'other_municipality';
}

async function countsFor(db: DbOrTrx, surveyId: number, ags: string) {
  const codes = await db.selectFrom('survey_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).where('ags', '=', ags).executeTakeFirst();
  return Number(codes?.n ?? 0);
}

/**
 * The survey results for one municipality, or a note why there are none (not closed, not visible).
 * Only a closed survey is shown: results during fieldwork would change under the report.
 */
export async function loadSurveySummary(db: DbOrTrx, principal: Principal, surveyId: number, ags: string): Promise<{ summary: SurveySummary | null; note: string | null }> {
  let detail;
  try {
    detail = await getSurveyDetail(db, principal, surveyId);
  } catch (err) {
    if (err instanceof AppError) return { summary: null, note: `Die verknüpfte Befragung Nr. ${surveyId} ist nicht verfügbar.` };
    throw err;
  }
  if (detail.status !== 'closed') {
    return { summary: null, note: `Die verknüpfte Befragung „${detail.title}“ ist noch nicht abgeschlossen; ihre Ergebnisse erscheinen nach dem Ende der Feldphase.` };
  }
  const sampleSize = await countsFor(db, surveyId, ags);
  const weighted = await weightedIndices(db, surveyId, detail.kMin);
  if (weighted) {
    return {
      summary: {
        surveyId, title: detail.title, status: detail.status, kMin: detail.kMin, sampleSize, responses: weighted.responses,
        responseRate: sampleSize ? Math.round((weighted.responses / sampleSize) * 1000) / 10 : null,
        weighted: true, weighting: weighted.weighting, indices: weighted.indices, source: `${SOURCE}: „${detail.title}“`,
      },
      note: null,
    };
  }
  const rows = await db.selectFrom('survey_responses').select(['questionnaire_version', 'answers'])
    .where('survey_id', '=', surveyId).where('ags', '=', ags).execute();
  const versions = [...new Set(rows.map((r) => r.questionnaire_version))].sort((a, b) => a - b);
  const totals = new Map<string, { unit: 'share' | 'score'; label: string; stats: Stats }>();
  for (const v of versions) {
    const q = await db.selectFrom('survey_questionnaires').select('definition_json').where('survey_id', '=', surveyId).where('version', '=', v).executeTakeFirst();
    if (!q) continue;
    const definition: QuestionnaireDefinition = parseDefinition(q.definition_json);
    const codebook = compileCodebook(definition);
    const own = rows.filter((r) => r.questionnaire_version === v);
    const data = new Uint16Array(own.length * codebook.length);
    own.forEach((r, i) => {
      const vec = bytesToVector(r.answers);
      data.set(vec.subarray(0, codebook.length), i * codebook.length);
    });
    for (const s of computeIndexStats(codebook, { rows: own.length, cols: codebook.length, data }, null, 'de')) {
      const t = totals.get(s.id);
      totals.set(s.id, { unit: s.unit, label: s.label.de, stats: t ? addStats(t.stats, s.total) : s.total });
    }
  }
  const indices = [...totals.entries()].map(([id, t]) => presentIndex(id, t.label, t.unit, t.stats, detail.kMin));
  const responses = rows.length;
  return {
    summary: {
      surveyId, title: detail.title, status: detail.status, kMin: detail.kMin, sampleSize, responses,
      responseRate: sampleSize ? Math.round((responses / sampleSize) * 1000) / 10 : null,
      weighted: false,
      weighting: 'Ungewichtete Anteile (Rohdaten der Gemeinde); Konfidenzintervalle nach Wilson (95 %).',
      indices, source: `${SOURCE}: „${detail.title}“`,
    },
    note: null,
  };
}

function presentIndex(id: string, label: string, unit: 'share' | 'score', stats: Stats, kMin: number): SurveySummary['indices'][number] {
  const e = estimate(stats, unit, kMin);
  const scale = unit === 'share' ? 100 : 1;
  const r1 = (x: number | null) => (x === null ? null : Math.round(x * scale * 10) / 10);
  return { id, label, unit, value: r1(e.value), ciLow: r1(e.ciLow), ciHigh: r1(e.ciHigh), n: e.n, suppressed: e.suppressed !== null };
}

/** The survey analysis' weighted indices, when the survey is this municipality's alone and its margins weight it. */
async function weightedIndices(db: DbOrTrx, surveyId: number, kMin: number) {
  const covered = await db.selectFrom('survey_municipalities').select('ags').where('survey_id', '=', surveyId).execute();
  if (covered.length !== 1) return null;
  const data = await loadSurveyData(db, null, surveyId);
  const { weights, report } = await weightsOf(db, data, true, 'de');
  if (!weights) return null;
  const indices = computeIndexStats(data.codebook, data.matrix, weights, 'de').map((s) => presentIndex(s.id, s.label.de, s.unit, s.total, kMin));
  const weighting = `Gewichtet durch Raking (iterative proportionale Anpassung) an die Bevölkerungsränder der Gemeinde: ${report.iterations} Iterationen, ${report.converged ? 'konvergiert' : 'nicht konvergiert'}; Konfidenzintervalle nach Wilson mit der effektiven Fallzahl nach Kish (95 %).`;
  return { responses: data.matrix.rows, indices, weighting };
}
