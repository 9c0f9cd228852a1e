import { type CodebookVariable, compileCodebook, type QuestionnaireDefinition } from '../../../../shared/survey-questionnaire.ts';
import type {
  MarginsInput,
  RakingReportOut,
  SurveyComparison,
  SurveyCrosstab,
  SurveyIndices,
  SurveyMargins,
  SurveyResults,
} from '../../../../shared/survey-results.schema.ts';
import type { Actor, Principal } from '../../../auth/principal.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { AppError, conflict, fieldError, notFound, ruleViolation } from '../../../http/problem.ts';
import { recordAudit } from '../../audit/index.ts';
import { allows } from '../../../../shared/policies.ts';
import { can } from '../../../auth/access.ts';
import { analysisPolicy } from './analysis.policy.ts';
import * as repo from './analysis.repository.ts';
import { addStats, compareEstimates, computeIndexStats, estimate, type IndexStats, publicEstimate } from './indices.ts';
import { mapVersion, type VersionMapping } from './matrix.ts';
import {
  buildCrosstab,
  buildVariableResults,
  categoryCount,
  EMPTY_MARGINS,
  type Lang,
  type MarginSet,
  text,
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

/** The stored margins as the pure functions read them. */
export async function loadMarginSet(db: DbOrTrx, surveyId: number): Promise<MarginSet> {
  const rows = await repo.listMargins(db, surveyId);
  if (rows.length === 0) return EMPTY_MARGINS;
  const out: MarginSet = { ageSex: [], sex: [], areas: [] };
  for (const r of rows) {
    if (r.dimension === 'age_sex') {
      const [ageGroup = '', sex = ''] = r.cell.split(':');
      out.ageSex.push({ ageGroup, sex, population: r.population });
    } else if (r.dimension === 'sex') out.sex.push({ sex: r.cell, population: r.population });
    else if (r.dimension === 'area') out.areas.push({ area: r.cell, population: r.population });
  }
  return out;
}

const UNWEIGHTED_REPORT = (n: number): RakingReportOut => ({
  applied: false,
  iterations: 0,
  converged: true,
  maxRelativeDeviation: 0,
  tolerance: 0,
  maxIterations: 0,
  minWeight: n > 0 ? 1 : 0,
  maxWeight: n > 0 ? 1 : 0,
  effectiveSize: n,
  designEffect: n > 0 ? 1 : 0,
  margins: [],
});

/** Raked weights per matrix, keyed by the margins' version, k and language (the report's labels). */
const weightCache = new WeakMap<ResponseMatrix, Map<string, { weights: Float64Array; report: RakingReportOut }>>();

/** Weights of a loaded survey (raked to its margins) with the report; null weights = unweighted. */
export async function weightsOf(
  db: DbOrTrx,
  data: SurveyData,
  weighted: boolean,
  lang: Lang,
): Promise<{ weights: Float64Array | null; report: RakingReportOut }> {
  const set = await repo.findMarginSet(db, data.survey.id);
  const k = data.survey.k_min;
  const key = `${set?.version ?? 0}:${k}:${lang}`;
  let perMatrix = weightCache.get(data.matrix);
  if (!perMatrix) weightCache.set(data.matrix, (perMatrix = new Map()));
  let raked = perMatrix.get(key);
  if (!raked) {
    const margins = set ? await loadMarginSet(db, data.survey.id) : EMPTY_MARGINS;
    raked = weightResponses(data.codebook, data.matrix, margins, k, lang);
    perMatrix.clear();
    perMatrix.set(key, raked);
  }
  if (!raked.report.applied) return { weights: null, report: { ...UNWEIGHTED_REPORT(data.matrix.rows), margins: raked.report.margins } };
  return { weights: weighted ? raked.weights : null, report: raked.report };
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
  const { weights, report } = await weightsOf(db, data, q.weighted, q.lang);
  return {
    ...head(data, weights !== null),
    weighting: report,
    variables: buildVariableResults(data.codebook, data.matrix, weights, data.survey.k_min, q.lang),
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
  const { weights } = await weightsOf(db, data, q.weighted, q.lang);
  return { ...head(data, weights !== null), ...buildCrosstab(rowVar, colVar, data.matrix, weights, data.survey.k_min, q.lang) };
}

async function indexStatsOf(
  db: DbOrTrx,
  data: SurveyData,
  weighted: boolean,
  lang: Lang,
): Promise<{ stats: IndexStats[]; weighted: boolean }> {
  const { weights } = await weightsOf(db, data, weighted, lang);
  return { stats: computeIndexStats(data.codebook, data.matrix, weights, lang), weighted: weights !== null };
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
        difference: compareEstimates(a, b, c.unit),
      },
    ];
  });
}

/** Pooled index statistics of all closed surveys (each weighted by its own margins, mean weight 1). */
async function statewideStats(db: DbOrTrx, weighted: boolean, lang: Lang): Promise<{ surveys: number; stats: IndexStats[] }> {
  const ids = await repo.listClosedSurveyIds(db);
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
  const state = await statewideStats(db, q.weighted, q.lang);
  return { ...head(data, weighted), previous, statewide: { surveys: state.surveys, rows: compareRows(stats, state.stats, k, q.lang) } };
}

// ---- margins ----

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
  const role = (r: 'age_group' | 'sex' | 'area') =>
    (h.codebook.find((v) => v.kind === 'single' && v.role === r)?.values ?? []).map((v) => ({ code: v.code, label: text(v.label, lang) }));
  return {
    surveyId: id,
    version: set?.version ?? 0,
    source: (set?.source as 'manual' | 'directory' | undefined) ?? null,
    updatedAt: set?.updated_at ?? null,
    ageSex: margins.ageSex,
    sex: margins.sex,
    areas: margins.areas,
    categories: { ageGroups: role('age_group'), sexes: role('sex'), areas: role('area') },
    directory: {
      municipalities: places.map((p) => ({ ags: p.ags, name: p.name, population: p.population, populationMale: p.population_male })),
      population,
      male,
      female: population !== null && male !== null ? population - male : null,
    },
  };
}

/** Replaces the margins (versioned, audited). Codes must exist in the current questionnaire. */
export async function putMargins(
  trx: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: MarginsInput,
  lang: Lang,
): Promise<SurveyMargins> {
  const h = await loadSurveyHead(trx, principal, id, 'run');
  const codesOf = (r: 'age_group' | 'sex' | 'area') =>
    new Set((h.codebook.find((v) => v.kind === 'single' && v.role === r)?.values ?? []).map((v) => v.code));
  const ages = codesOf('age_group');
  const sexes = codesOf('sex');
  const areas = codesOf('area');
  const errors: Array<{ field: string; message: { de: string; en: string } }> = [];
  const seen = new Set<string>();
  const check = (field: string, ok: boolean, code: string, what: { de: string; en: string }) => {
    if (!ok)
      errors.push({
        field,
        message: { de: `„${code}“ ist keine ${what.de} des Fragebogens.`, en: `"${code}" is not ${what.en} of the questionnaire.` },
      });
  };
  const dup = (field: string, key: string) => {
    if (seen.has(key)) errors.push({ field, message: { de: 'Diese Zelle kommt doppelt vor.', en: 'This cell occurs twice.' } });
    seen.add(key);
  };
  input.ageSex.forEach((e, i) => {
    check(`body.ageSex.${i}.ageGroup`, ages.has(e.ageGroup), e.ageGroup, { de: 'Altersgruppe', en: 'an age group' });
    check(`body.ageSex.${i}.sex`, sexes.has(e.sex), e.sex, { de: 'Geschlechtskategorie', en: 'a sex category' });
    dup(`body.ageSex.${i}`, `age_sex/${e.ageGroup}:${e.sex}`);
  });
  input.sex.forEach((e, i) => {
    check(`body.sex.${i}.sex`, sexes.has(e.sex), e.sex, { de: 'Geschlechtskategorie', en: 'a sex category' });
    dup(`body.sex.${i}`, `sex/${e.sex}`);
  });
  input.areas.forEach((e, i) => {
    check(`body.areas.${i}.area`, areas.has(e.area), e.area, { de: 'Ortsteil-Antwort', en: 'an area option' });
    dup(`body.areas.${i}`, `area/${e.area}`);
  });
  if (errors.length)
    throw new AppError(
      'validation',
      undefined,
      errors.map((e) => ({ field: e.field, code: 'unknown', message: e.message })),
    );
  const sum = (xs: Array<{ population: number }>) => xs.reduce((a, b) => a + b.population, 0);
  if (
    (input.ageSex.length && sum(input.ageSex) === 0) ||
    (input.sex.length && sum(input.sex) === 0) ||
    (input.areas.length && sum(input.areas) === 0)
  ) {
    throw ruleViolation(
      {
        de: 'Regel „Randverteilung nicht leer“: eine angegebene Randverteilung braucht eine Bevölkerung über 0.',
        en: 'Rule "margin not empty": a given margin needs a population above 0.',
      },
      'body',
    );
  }

  const before = await getMargins(trx, principal, id, lang);
  const saved = await repo.saveMarginSet(
    trx,
    { survey_id: id, source: input.source, updated_at: nowIso(), updated_by: principal.id },
    input.version,
  );
  if (!saved) throw conflict(before);
  await repo.replaceMargins(trx, id, [
    ...input.ageSex.map((e) => ({ dimension: 'age_sex', cell: `${e.ageGroup}:${e.sex}`, population: e.population })),
    ...input.sex.map((e) => ({ dimension: 'sex', cell: e.sex, population: e.population })),
    ...input.areas.map((e) => ({ dimension: 'area', cell: e.area, population: e.population })),
  ]);
  const after = await getMargins(trx, principal, id, lang);
  await recordAudit(trx, actor, {
    action: 'survey.margins.update',
    entityType: 'survey',
    entityId: String(id),
    before: { version: before.version, ageSex: before.ageSex, sex: before.sex, areas: before.areas },
    after: { version: after.version, source: after.source, ageSex: after.ageSex, sex: after.sex, areas: after.areas },
  });
  return after;
}
