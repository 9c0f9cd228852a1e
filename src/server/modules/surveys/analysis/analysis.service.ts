import { type CodebookVariable, compileCodebook, type QuestionnaireDefinition } from '../../../../shared/survey-questionnaire.ts';
import {
  MARGIN_VARIABLES,
  type MarginDimension,
  type MarginsInput,
  type RakingReportOut,
  type ResultSurveys,
  type ResultSurveysQuery,
  type SurveyBenchmark,
  type SurveyComparison,
  type SurveyCrosstab,
  type SurveyIndices,
  type SurveyMargins,
  type SurveyResults,
} from '../../../../shared/survey-results.schema.ts';
import type { Actor, Principal } from '../../../auth/principal.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { AppError, conflict, fieldError, notFound, ruleViolation } from '../../../http/problem.ts';
import { recordAudit } from '../../audit/index.ts';
import { allows } from '../../../../shared/policies.ts';
import { can } from '../../../auth/access.ts';
import { analysisPolicy } from './analysis.policy.ts';
import * as repo from './analysis.repository.ts';
import * as surveysRepo from '../surveys.repository.ts';
import { addStats, compareEstimates, computeIndexStats, estimate, type IndexStats, publicEstimate } from './indices.ts';
import { mapVersion, type VersionMapping } from './matrix.ts';
import { unweightedDesign } from './linearise.ts';
import {
  buildCrosstab,
  buildVariableResults,
  categoryCount,
  EMPTY_MARGINS,
  dimensionOf,
  marginsFromInput,
  type Lang,
  type Margin,
  marginLabel,
  type MarginSet,
  roleVariable,
  text,
  variablesOfDimension,
  type Weighting,
  weightResponses,
} from './results.ts';
import type { ResponseMatrix } from './tabulate.ts';
import { nowIso } from '../../../../shared/time.ts';
export { analysisPolicy };

/*
 * The analysis of a survey: loads the responses of every questionnaire version into one matrix
 * in the current codebook (decision 011), weights them by raking to the stored margins, and
 * builds results, crosstabs, indices and comparisons, every cell suppressed below the survey's k.
 */

const surveyNotFound = () => notFound({ de: 'Diese Befragung gibt es nicht.', en: 'This survey does not exist.' });

export interface SurveyData {
  survey: NonNullable<Awaited<ReturnType<typeof repo.findSurveyForAnalysis>>>;
  scope: SurveyScope;
  definition: QuestionnaireDefinition;
  codebook: CodebookVariable[];
  matrix: ResponseMatrix;
  versions: Map<number, VersionMapping>;
}

/*
 * The matrix of a survey is kept for the next request (the results page asks for results,
 * indices, comparison and crosstabs in a row). Responses are only ever added, so the key – the
 * number of responses and the questionnaire version – changes whenever the matrix would.
 */
const CACHE_SIZE = 3;
const caches = new WeakMap<object, Map<number, { key: string; matrix: ResponseMatrix }>>();

/** What decides who sees a survey's analysis: its status and its municipalities. */
export interface SurveyScope {
  status: string;
  ags: readonly string[];
}

async function surveyScope(db: DbOrTrx, survey: { status: string }, id: number): Promise<SurveyScope> {
  return { status: survey.status, ags: await repo.listSurveyAgs(db, id) };
}

/**
 * Results: the rule admits the role and one of the survey's municipalities lies in the scope;
 * during fieldwork only for the roles that read results then. Running the analysis (margins,
 * research data): all of its municipalities lie in the scope.
 */
async function mayAnalyse(db: DbOrTrx, principal: Principal, s: SurveyScope, need: 'results' | 'run'): Promise<boolean> {
  if (need === 'run') return can(db, principal, 'surveyAnalysis.margins', { every: s.ags });
  if (s.status !== 'closed' && !allows('surveyAnalysis.readResultsDuringFieldwork', principal.role)) return false;
  return can(db, principal, 'surveyAnalysis.readResults', { any: s.ags });
}

/**
 * The surveys whose results the principal reads, newest field period first: those with one of its
 * municipalities in scope (as `mayAnalyse`), and only closed ones for the roles that do not read
 * results during fieldwork (police, ministry), who reach them from this list rather than the
 * surveys' own pages.
 */
export async function listResultSurveys(db: DbOrTrx, principal: Principal, q: ResultSurveysQuery): Promise<ResultSurveys> {
  const status = allows('surveyAnalysis.readResultsDuringFieldwork', principal.role) ? undefined : 'closed';
  const { rows, total } = await surveysRepo.listSurveys(db, principal, { status, q: q.q }, q.pageSize, (q.page - 1) * q.pageSize);
  const places = await surveysRepo.listSurveyMunicipalities(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      fieldStart: r.field_start,
      fieldEnd: r.field_end,
      closedOn: r.closed_on,
      municipalities: places.get(r.id) ?? [],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Loads a survey's head, scope and questionnaire; checks what the principal may do (404/403). */
export async function loadSurveyHead(db: DbOrTrx, principal: Principal | null, id: number, need: 'results' | 'run') {
  const survey = await repo.findSurveyForAnalysis(db, id);
  if (!survey) throw surveyNotFound();
  const scope = await surveyScope(db, survey, id);
  if (principal) {
    if (!(await mayAnalyse(db, principal, scope, need))) throw new AppError('forbidden-scope');
  }
  const defs = await repo.listQuestionnaireDefinitions(db, id);
  const current = defs.find((d) => d.version === survey.questionnaire_version) ?? defs.at(-1);
  if (!current) throw ruleViolation({ de: 'Die Befragung hat keinen Fragebogen.', en: 'The survey has no questionnaire.' });
  const definition = JSON.parse(current.definition_json) as QuestionnaireDefinition;
  const codebook = compileCodebook(definition);
  const versions = new Map(
    defs.map((d) => [
      d.version,
      d.version === current.version
        ? mapVersion(codebook, codebook)
        : mapVersion(codebook, compileCodebook(JSON.parse(d.definition_json) as QuestionnaireDefinition)),
    ]),
  );
  return { survey, scope, definition, codebook, versions };
}

/** Loads everything the analysis of one survey needs (principal null: internal use, no check). */
export async function loadSurveyData(
  db: DbOrTrx,
  principal: Principal | null,
  id: number,
  need: 'results' | 'run' = 'results',
): Promise<SurveyData> {
  const head = await loadSurveyHead(db, principal, id, need);
  const count = await repo.countSurveyResponses(db, id);
  const key = `${count}:${head.survey.questionnaire_version}:${head.codebook.length}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(id);
  let matrix: ResponseMatrix;
  if (hit && hit.key === key) matrix = hit.matrix;
  else {
    matrix = (await repo.readResponseMatrix(db, id, head.codebook.length, head.versions, count)).matrix;
    cache.delete(id);
    cache.set(id, { key, matrix });
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return { ...head, matrix };
}

/** The stored margins as the pure functions read them (rows grouped by dimension; unknown dimensions skipped). */
export async function loadMarginSet(db: DbOrTrx, surveyId: number): Promise<MarginSet> {
  const rows = await repo.listMargins(db, surveyId);
  if (rows.length === 0) return EMPTY_MARGINS;
  const byDimension = new Map<string, Margin>();
  for (const r of rows) {
    const variables = variablesOfDimension(r.dimension);
    if (!variables) continue;
    let margin = byDimension.get(r.dimension);
    if (!margin) byDimension.set(r.dimension, (margin = { variables, cells: [] }));
    margin.cells.push({ codes: r.cell.split(':'), population: r.population });
  }
  // A fixed order (the raking's order, and so the order of the variance projection): by the first
  // variable (age, sex, area, education), one-way before two-way, then by the second variable.
  const rank = (m: Margin) => m.variables.map((v) => MARGIN_VARIABLES.indexOf(v));
  return [...byDimension.values()].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0]! - rb[0]! || ra.length - rb.length || (ra[1] ?? 0) - (rb[1] ?? 0);
  });
}

const unweightedReport = (n: number, margins: RakingReportOut['margins']): RakingReportOut => ({
  applied: false,
  iterations: 0,
  converged: true,
  maxRelativeDeviation: 0,
  tolerance: 0,
  maxIterations: 0,
  minWeight: null,
  maxWeight: null,
  cvWeights: null,
  weightsDesignEffect: null,
  effectiveSize: null,
  trimUpper: null,
  trimmed: 0,
  margins: n > 0 ? margins : [],
});

/** Raked weights per matrix, keyed by the margins' version, k and language (the report's labels). */
const weightCache = new WeakMap<ResponseMatrix, Map<string, Weighting>>();

/**
 * The weighting of a loaded survey (raked to its margins, trimmed when a bound is set): weights,
 * report and the design the linearised variances use. Unweighted (`weighted` false, or no usable
 * margins): weights null, `applied: false`, the design of a simple random sample.
 */
export async function weightsOf(db: DbOrTrx, data: SurveyData, weighted: boolean, lang: Lang): Promise<Weighting> {
  const set = await repo.findMarginSet(db, data.survey.id);
  const k = data.survey.k_min;
  const key = `${set?.version ?? 0}:${k}:${lang}`;
  let perMatrix = weightCache.get(data.matrix);
  if (!perMatrix) weightCache.set(data.matrix, (perMatrix = new Map()));
  let raked = perMatrix.get(key);
  if (!raked) {
    const margins = set ? await loadMarginSet(db, data.survey.id) : EMPTY_MARGINS;
    const upper = set?.trim_upper ?? null;
    raked = weightResponses(data.codebook, data.matrix, margins, k, lang, upper ? { trim: { upper, lower: 1 / upper } } : undefined);
    perMatrix.clear();
    perMatrix.set(key, raked);
  }
  if (!raked.report.applied || !weighted)
    return {
      weights: null,
      design: unweightedDesign(data.matrix.rows),
      fixed: new Set(),
      report: unweightedReport(data.matrix.rows, raked.report.margins),
    };
  return raked;
}

function head(data: SurveyData, weighted: boolean) {
  const n = data.matrix.rows;
  const k = data.survey.k_min;
  return {
    surveyId: data.survey.id,
    title: data.survey.title,
    status: data.survey.status,
    kMin: k,
    weighted,
    responses: n > 0 && n < k ? null : n,
  };
}

export async function getResults(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  q: { weighted: boolean; lang: Lang },
): Promise<SurveyResults> {
  const data = await loadSurveyData(db, principal, id);
  const weighting = await weightsOf(db, data, q.weighted, q.lang);
  return {
    ...head(data, weighting.weights !== null),
    weighting: weighting.report,
    variables: buildVariableResults(data.codebook, data.matrix, weighting, data.survey.k_min, q.lang),
  };
}

export async function getCrosstab(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  q: { row: string; col: string; weighted: boolean; lang: Lang },
): Promise<SurveyCrosstab> {
  const data = await loadSurveyData(db, principal, id);
  const find = (name: string, field: 'row' | 'col') => {
    const v = data.codebook.find((x) => x.name === name);
    if (!v)
      throw fieldError(
        `query.${field}`,
        { de: `Die Variable „${name}“ gibt es im Fragebogen nicht.`, en: `The questionnaire has no variable "${name}".` },
        'unknown',
      );
    if (categoryCount(v) === 0)
      throw fieldError(
        `query.${field}`,
        {
          de: `„${name}“ ist keine Auswahlfrage und lässt sich nicht kreuztabellieren.`,
          en: `"${name}" is not a choice question and cannot be crosstabulated.`,
        },
        'not_categorical',
      );
    return v;
  };
  const rowVar = find(q.row, 'row');
  const colVar = find(q.col, 'col');
  if (rowVar.name === colVar.name)
    throw fieldError(
      'query.col',
      { de: 'Zeilen- und Spaltenvariable müssen verschieden sein.', en: 'Row and column variables must differ.' },
      'same',
    );
  const { weights, design } = await weightsOf(db, data, q.weighted, q.lang);
  return { ...head(data, weights !== null), ...buildCrosstab(rowVar, colVar, data.matrix, design, data.survey.k_min, q.lang) };
}

async function indexStatsOf(
  db: DbOrTrx,
  data: SurveyData,
  weighted: boolean,
  lang: Lang,
): Promise<{ stats: IndexStats[]; weighted: boolean }> {
  const { weights, design } = await weightsOf(db, data, weighted, lang);
  return { stats: computeIndexStats(data.codebook, data.matrix, design, lang), weighted: weights !== null };
}

export async function getIndices(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  q: { weighted: boolean; lang: Lang },
): Promise<SurveyIndices> {
  const data = await loadSurveyData(db, principal, id);
  const { stats, weighted } = await indexStatsOf(db, data, q.weighted, q.lang);
  const k = data.survey.k_min;
  return {
    ...head(data, weighted),
    indices: stats.map((s) => ({
      id: s.id,
      label: s.label[q.lang],
      description: s.description[q.lang],
      unit: s.unit,
      estimate: publicEstimate(estimate(s.total, s.unit, k)),
      components: s.components.map((c) => ({
        name: c.name,
        label: c.label,
        estimate: publicEstimate(estimate(c.stats, s.unit === 'score' ? 'score' : 'share', k)),
      })),
    })),
  };
}

function compareRows(current: IndexStats[], other: IndexStats[], k: number, lang: Lang) {
  return current.flatMap((c) => {
    const o = other.find((x) => x.id === c.id);
    if (!o) return [];
    const a = estimate(c.total, c.unit, k);
    const b = estimate(o.total, o.unit, k);
    return [
      {
        id: c.id,
        label: c.label[lang],
        unit: c.unit,
        current: publicEstimate(a),
        other: publicEstimate(b),
        difference: compareEstimates(a, b),
      },
    ];
  });
}

/**
 * Pooled index statistics of all other closed surveys (each weighted by its own margins, mean
 * weight 1, and an independent stratum for the variance); the survey itself is never part of it.
 */
async function statewideStats(
  db: DbOrTrx,
  exclude: number,
  weighted: boolean,
  lang: Lang,
): Promise<{ surveys: number; stats: IndexStats[] }> {
  const ids = (await repo.listClosedSurveyIds(db)).filter((sid) => sid !== exclude);
  let pooled: IndexStats[] = [];
  for (const sid of ids) {
    const data = await loadSurveyData(db, null, sid);
    if (data.matrix.rows === 0) continue;
    const { stats } = await indexStatsOf(db, data, weighted, lang);
    pooled =
      pooled.length === 0
        ? stats
        : pooled
            .map((p) => {
              const s = stats.find((x) => x.id === p.id);
              return s ? { ...p, total: addStats(p.total, s.total) } : p;
            })
            .concat(stats.filter((s) => !pooled.some((p) => p.id === s.id)));
  }
  return { surveys: ids.length, stats: pooled };
}

export async function getComparison(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  q: { weighted: boolean; lang: Lang },
): Promise<SurveyComparison> {
  const data = await loadSurveyData(db, principal, id);
  const k = data.survey.k_min;
  const { stats, weighted } = await indexStatsOf(db, data, q.weighted, q.lang);
  let previous: SurveyComparison['previous'] = null;
  const prevId = data.survey.previous_survey_id;
  if (prevId !== null) {
    try {
      const prev = await loadSurveyData(db, principal, prevId);
      // The stricter k of both waves applies to both sides.
      const kk = Math.max(k, prev.survey.k_min);
      const prevStats = (await indexStatsOf(db, prev, q.weighted, q.lang)).stats;
      previous = { surveyId: prevId, title: prev.survey.title, rows: compareRows(stats, prevStats, kk, q.lang) };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  const state = await statewideStats(db, id, q.weighted, q.lang);
  return { ...head(data, weighted), previous, statewide: { surveys: state.surveys, rows: compareRows(stats, state.stats, k, q.lang) } };
}

/**
 * The statewide benchmark of felt safety: the standard indices of every closed survey that allows
 * comparison, each weighted by its own stored margins as on its results page (linearised
 * intervals, suppressed below its k), and all of them pooled as "others" – without the survey the
 * page was opened from, which is marked. A survey whose questionnaire lacks an index shows none.
 */
export async function getBenchmark(db: DbOrTrx, principal: Principal, q: { surveyId?: number; lang: Lang }): Promise<SurveyBenchmark> {
  // Opened from a survey: the principal must read its results (404 / 403 otherwise).
  if (q.surveyId !== undefined) await loadSurveyHead(db, principal, q.surveyId, 'results');
  const heads = await repo.listComparableClosedSurveys(db);
  const indices = new Map<IndexStats['id'], Pick<IndexStats, 'id' | 'unit' | 'label' | 'description'>>();
  const surveys: SurveyBenchmark['surveys'] = [];
  let pooled: IndexStats[] = [];
  let pooledK = 0;
  let pooledCount = 0;
  for (const h of heads) {
    const data = await loadSurveyData(db, null, h.id);
    const { stats, weighted } = await indexStatsOf(db, data, true, q.lang);
    const ags = await repo.listSurveyAgs(db, h.id);
    const names = new Map((await repo.listMunicipalityFigures(db, ags)).map((m) => [m.ags, m.name]));
    for (const s of stats) if (!indices.has(s.id)) indices.set(s.id, s);
    const n = data.matrix.rows;
    surveys.push({
      surveyId: h.id,
      title: h.title,
      closedOn: h.closed_on,
      kMin: h.k_min,
      weighted,
      responses: n > 0 && n < h.k_min ? null : n,
      marked: h.id === q.surveyId,
      municipalities: ags.map((a) => ({ ags: a, name: names.get(a) ?? a })),
      figures: stats.map((s) => ({ id: s.id, estimate: publicEstimate(estimate(s.total, s.unit, h.k_min)) })),
    });
    if (h.id === q.surveyId) continue;
    // Only figures shown in their own row join the pool: a suppressed one would otherwise be
    // recovered as the difference between the pool with and without the marked survey.
    const shown = stats.filter((s) => s.total.n > 0 && estimate(s.total, s.unit, h.k_min).suppressed === null);
    if (shown.length === 0) continue;
    pooledCount += 1;
    pooledK = Math.max(pooledK, h.k_min);
    pooled = pooled
      .map((p) => {
        const s = shown.find((x) => x.id === p.id);
        return s ? { ...p, total: addStats(p.total, s.total) } : p;
      })
      .concat(shown.filter((s) => !pooled.some((p) => p.id === s.id)));
  }
  surveys.sort((a, b) => (a.municipalities[0]?.name ?? '').localeCompare(b.municipalities[0]?.name ?? '', 'de') || a.surveyId - b.surveyId);
  return {
    markedSurveyId: q.surveyId ?? null,
    indices: [...indices.values()].map((i) => ({ id: i.id, label: i.label[q.lang], description: i.description[q.lang], unit: i.unit })),
    surveys,
    others: {
      surveys: pooledCount,
      figures: pooled.map((s) => ({ id: s.id, estimate: publicEstimate(estimate(s.total, s.unit, pooledK)) })),
    },
  };
}

// ---- margins ----

type Role = (typeof MARGIN_VARIABLES)[number];

/** The stored margins in the legacy fields (age × sex, sex, areas) and the general list. */
function presentMargins(set: MarginSet, lang: Lang) {
  const find = (dim: string) => set.find((m) => dimensionOf(m.variables) === dim)?.cells ?? [];
  return {
    ageSex: find('age_sex').map((c) => ({ ageGroup: c.codes[0] ?? '', sex: c.codes[1] ?? '', population: c.population })),
    sex: find('sex').map((c) => ({ sex: c.codes[0] ?? '', population: c.population })),
    areas: find('area').map((c) => ({ area: c.codes[0] ?? '', population: c.population })),
    margins: set.map((m) => ({
      dimension: dimensionOf(m.variables) as MarginDimension,
      label: marginLabel(m.variables, lang),
      variables: m.variables,
      cells: m.cells,
    })),
  };
}

export async function getMargins(db: DbOrTrx, principal: Principal, id: number, lang: Lang): Promise<SurveyMargins> {
  const h = await loadSurveyHead(db, principal, id, 'results');
  if (!allows('surveyAnalysis.margins', principal.role)) throw new AppError('forbidden-role');
  const set = await repo.findMarginSet(db, id);
  const margins = await loadMarginSet(db, id);
  const places = await repo.listMunicipalityFigures(db, [...h.scope.ags]);
  const sum = (xs: Array<number | null>) =>
    xs.length > 0 && xs.every((x) => x !== null) ? xs.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  const population = sum(places.map((p) => p.population));
  const male = sum(places.map((p) => p.population_male));
  const role = (r: Role) =>
    (h.codebook.find((v) => v.kind === 'single' && v.role === r)?.values ?? []).map((v) => ({ code: v.code, label: text(v.label, lang) }));
  return {
    surveyId: id,
    version: set?.version ?? 0,
    source: (set?.source as 'manual' | 'directory' | undefined) ?? null,
    updatedAt: set?.updated_at ?? null,
    ...presentMargins(margins, lang),
    trimUpper: set?.trim_upper ?? null,
    categories: { ageGroups: role('age_group'), sexes: role('sex'), areas: role('area'), educations: role('education') },
    directory: {
      municipalities: places.map((p) => ({ ags: p.ags, name: p.name, population: p.population, populationMale: p.population_male })),
      population,
      male,
      female: population !== null && male !== null ? population - male : null,
    },
  };
}

/** The field names of the legacy margin inputs' codes. */
const LEGACY_KEYS: Record<string, string[]> = { 'body.ageSex': ['ageGroup', 'sex'], 'body.sex': ['sex'], 'body.areas': ['area'] };

type FieldIssue = { field: string; code: string; message: { de: string; en: string } };

/**
 * Checks a set of margins against the questionnaire and against each other (decision 024):
 * known variables and codes, no cell twice, a population above 0; no two margins over the same
 * variables and no one-way margin of a variable that a two-way margin already fixes (redundant:
 * the raking would fit only one of them); equal totals; and two two-way margins sharing a
 * variable must agree on its distribution. Every error names the margin's field.
 */
function checkMargins(codebook: readonly CodebookVariable[], margins: ReadonlyArray<Margin & { field: string }>, lang: Lang): FieldIssue[] {
  const errors: FieldIssue[] = [];
  const name = (m: Margin) => `„${marginLabel(m.variables, 'de')}“`;
  const nameEn = (m: Margin) => `"${marginLabel(m.variables, 'en')}"`;
  void lang;
  const valid: Array<Margin & { field: string }> = [];
  for (const m of margins) {
    const before = errors.length;
    if (new Set(m.variables).size !== m.variables.length)
      errors.push({
        field: `${m.field}.variables`,
        code: 'duplicate',
        message: { de: 'Eine Variable kommt in der Randverteilung doppelt vor.', en: 'A variable occurs twice in the margin.' },
      });
    const questions = m.variables.map((r) => roleVariable(codebook, r));
    m.variables.forEach((r, j) => {
      if (!questions[j])
        errors.push({
          field: `${m.field}.variables`,
          code: 'unknown',
          message: {
            de: `Randverteilung ${name(m)}: der Fragebogen hat keine Frage mit der Gewichtungsrolle „${marginLabel([r], 'de')}“.`,
            en: `Margin ${nameEn(m)}: the questionnaire has no question with the weighting role "${marginLabel([r], 'en')}".`,
          },
        });
    });
    const seen = new Set<string>();
    m.cells.forEach((c, i) => {
      if (c.codes.length !== m.variables.length) {
        errors.push({
          field: `${m.field}.cells.${i}.codes`,
          code: 'arity',
          message: {
            de: `Randverteilung ${name(m)}: jede Zelle braucht ${m.variables.length} Codes.`,
            en: `Margin ${nameEn(m)}: every cell needs ${m.variables.length} codes.`,
          },
        });
        return;
      }
      c.codes.forEach((code, j) => {
        const q = questions[j];
        if (q && !q.values.some((v) => v.code === code))
          errors.push({
            field: m.field.startsWith('body.margins') ? `${m.field}.cells.${i}.codes.${j}` : `${m.field}.${i}.${LEGACY_KEYS[m.field]![j]}`,
            code: 'unknown',
            message: {
              de: `Randverteilung ${name(m)}: „${code}“ ist keine Antwort der Frage „${marginLabel([m.variables[j]!], 'de')}“.`,
              en: `Margin ${nameEn(m)}: "${code}" is not an option of the question "${marginLabel([m.variables[j]!], 'en')}".`,
            },
          });
      });
      const key = c.codes.join(':');
      if (seen.has(key))
        errors.push({
          field: m.field.startsWith('body.margins') ? `${m.field}.cells.${i}` : `${m.field}.${i}`,
          code: 'duplicate',
          message: { de: `Randverteilung ${name(m)}: diese Zelle kommt doppelt vor.`, en: `Margin ${nameEn(m)}: this cell occurs twice.` },
        });
      seen.add(key);
    });
    if (m.cells.reduce((a, c) => a + c.population, 0) === 0)
      errors.push({
        field: m.field,
        code: 'empty',
        message: {
          de: `Randverteilung ${name(m)}: sie braucht eine Bevölkerung über 0.`,
          en: `Margin ${nameEn(m)}: it needs a population above 0.`,
        },
      });
    if (errors.length === before) valid.push(m);
  }
  // Conflicts between margins.
  valid.forEach((m, i) => {
    for (const o of valid.slice(0, i)) {
      const same = m.variables.length === o.variables.length && m.variables.every((v) => o.variables.includes(v));
      const nested = !same && m.variables.every((v) => o.variables.includes(v));
      const nests = !same && o.variables.every((v) => m.variables.includes(v));
      if (same || nested || nests)
        errors.push({
          field: m.field,
          code: 'redundant',
          message: {
            de: `Randverteilung ${name(m)}: ${same ? 'sie ist schon angegeben' : `sie überschneidet sich mit ${name(o)}`} – die Gewichtung könnte nur eine von beiden erfüllen. Bitte nur eine angeben.`,
            en: `Margin ${nameEn(m)}: ${same ? 'it is already given' : `it overlaps ${nameEn(o)}`} – the weighting could meet only one of them. Please give only one.`,
          },
        });
    }
  });
  if (errors.length) return errors;
  const total = (m: Margin) => m.cells.reduce((a, c) => a + c.population, 0);
  const first = valid[0];
  for (const m of valid.slice(1)) {
    if (first && total(m) !== total(first))
      errors.push({
        field: m.field,
        code: 'inconsistent',
        message: {
          de: `Randverteilung ${name(m)}: ihre Summe (${total(m)}) weicht von der Summe von ${name(first)} (${total(first)}) ab; alle Randverteilungen müssen dieselbe Bevölkerung beschreiben.`,
          en: `Margin ${nameEn(m)}: its total (${total(m)}) differs from the total of ${nameEn(first)} (${total(first)}); all margins must describe the same population.`,
        },
      });
  }
  // Two two-way margins sharing a variable must give it the same distribution.
  valid.forEach((m, i) => {
    for (const o of valid.slice(0, i)) {
      for (const v of m.variables) {
        if (!o.variables.includes(v) || (m.variables.length < 2 && o.variables.length < 2)) continue;
        const dist = (x: Margin) => {
          const j = x.variables.indexOf(v);
          const d = new Map<string, number>();
          for (const c of x.cells) d.set(c.codes[j]!, (d.get(c.codes[j]!) ?? 0) + c.population);
          return d;
        };
        const a = dist(m);
        const b = dist(o);
        const keys = new Set([...a.keys(), ...b.keys()]);
        if ([...keys].some((key) => (a.get(key) ?? 0) !== (b.get(key) ?? 0)))
          errors.push({
            field: m.field,
            code: 'inconsistent',
            message: {
              de: `Randverteilung ${name(m)}: ihre Verteilung nach „${marginLabel([v], 'de')}“ weicht von der in ${name(o)} ab.`,
              en: `Margin ${nameEn(m)}: its distribution by "${marginLabel([v], 'en')}" differs from the one in ${nameEn(o)}.`,
            },
          });
      }
    }
  });
  return errors;
}

/** Replaces the margins (versioned, audited). Codes must exist in the current questionnaire; the set must be consistent. */
export async function putMargins(
  trx: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: MarginsInput,
  lang: Lang,
): Promise<SurveyMargins> {
  const h = await loadSurveyHead(trx, principal, id, 'run');
  const margins = marginsFromInput(input);
  const errors = checkMargins(h.codebook, margins, lang);
  if (errors.length) throw new AppError('validation', undefined, errors);

  const before = await getMargins(trx, principal, id, lang);
  const saved = await repo.saveMarginSet(
    trx,
    { survey_id: id, source: input.source, updated_at: nowIso(), updated_by: principal.id, trim_upper: input.trimUpper },
    input.version,
  );
  if (!saved) throw conflict(before);
  await repo.replaceMargins(
    trx,
    id,
    margins.flatMap((m) =>
      m.cells.map((c) => ({ dimension: dimensionOf(m.variables), cell: c.codes.join(':'), population: c.population })),
    ),
  );
  const after = await getMargins(trx, principal, id, lang);
  await recordAudit(trx, actor, {
    action: 'survey.margins.update',
    entityType: 'survey',
    entityId: String(id),
    before: { version: before.version, margins: before.margins, trimUpper: before.trimUpper },
    after: { version: after.version, source: after.source, margins: after.margins, trimUpper: after.trimUpper },
  });
  return after;
}
