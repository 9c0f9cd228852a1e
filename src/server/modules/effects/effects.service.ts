import {
  EFFECTS_LIMITS,
  type EffectEstimate,
  type EffectList,
  type FollowUp,
  type InterventionKind,
  type SetComparisonInput,
  type StatewideEffects,
  type SuppressionReason,
} from '../../../shared/effects.schema.ts';
import { nowIso } from '../../../shared/time.ts';
import { inScope, requireAccess, scopeOf, type MunicipalScope } from '../../auth/access.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../http/problem.ts';
import { DIRECTORY_COUNTER } from '../../lib/answer-cache.ts';
import { recordAudit } from '../audit/index.ts';
import { completedSurveyWaves } from '../surveys/index.ts';
import { METHOD_VERSION, poolRateRatios } from './did.ts';
import {
  choiceKey,
  concernsField,
  type ComparisonChoice,
  type EffectInputs,
  EffectsContext,
  estimateAll,
  estimateAllSurvey,
  estimateEffect,
  type FieldDef,
  followUpOf,
  type Figures,
  type Intervention,
  type SurveyWave,
} from './effects.engine.ts';
import * as repo from './effects.repository.ts';

/*
 * The effects of prevention (decision 030): reads the inputs once per request, computes with the
 * pure engine, and scopes the answer by role (a coordinator its communes, police their
 * directorate's municipalities, LPR, admin and the ministry all). Comparison units are aggregate
 * figures of other municipalities and are named in every answer.
 */

function addFigure(into: Figures, unit: string, key: string, year: number, cases: number) {
  let perKey = into.get(unit);
  if (!perKey) into.set(unit, (perKey = new Map()));
  let years = perKey.get(key);
  if (!years) perKey.set(key, (years = new Map()));
  years.set(year, (years.get(year) ?? 0) + cases);
}

/** The completed survey waves per municipality, with the indices the effects use. */
async function loadSurveyWaves(db: DbOrTrx, untilYear: number | undefined): Promise<Map<string, SurveyWave[]>> {
  const byAgs = new Map<string, SurveyWave[]>();
  for (const w of await completedSurveyWaves(db, { untilYear })) {
    const list = byAgs.get(w.ags) ?? [];
    list.push({
      surveyId: w.surveyId,
      title: w.title,
      fieldStart: w.fieldStart,
      fieldEnd: w.fieldEnd,
      indices: w.indices.map((x) => ({
        id: x.id,
        unit: x.unit,
        name: x.label.de,
        nameEn: x.label.en,
        value: x.estimate.value,
        se: x.estimate.se,
        n: x.estimate.n,
      })),
    });
    byAgs.set(w.ags, list);
  }
  return byAgs;
}

/**
 * Reads everything the engine needs: directory, fields with their offences, figures, interventions,
 * choices, and with `surveys` the completed survey waves (for the survey index effects).
 */
export async function loadEffectInputs(db: DbOrTrx, opts: { untilYear?: number; surveys?: boolean } = {}): Promise<EffectInputs> {
  const [municipalities, districts, fieldRows, links, agreements, coaching, projects, choices] = await Promise.all([
    repo.listMunicipalities(db),
    repo.listDistricts(db),
    repo.listFields(db),
    repo.listOffenceLinks(db),
    repo.listAgreementStarts(db),
    repo.listCoachingStarts(db),
    repo.listFundedProjects(db),
    repo.listChoices(db),
  ]);
  const fields: FieldDef[] = fieldRows.map((f) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    nameEn: f.name_en,
    offences: links.filter((l) => l.field_id === f.id).map((l) => ({ key: l.offence_key, summary: l.summary === 1 })),
  }));
  const keys = [...new Set(links.map((l) => l.offence_key))];
  const [mFigures, dFigures] = await Promise.all([repo.listMunicipalFigures(db, keys), repo.listDistrictFigures(db, keys)]);
  const municipal: Figures = new Map();
  for (const r of mFigures) addFigure(municipal, r.ags, r.offence_key, r.year, r.cases);
  const district: Figures = new Map();
  for (const r of dFigures) addFigure(district, r.ags, r.offence_key, r.year, r.cases);

  const interventions: Intervention[] = [];
  const agreementSeen = new Set<string>();
  for (const a of agreements) {
    // The first cooperation agreement starts the collaboration; later ones (amendments, renewals) start nothing new.
    if (a.kind && a.kind !== 'cooperation') continue;
    if (agreementSeen.has(a.ags)) continue;
    agreementSeen.add(a.ags);
    interventions.push({
      kind: 'agreement',
      id: a.id,
      ags: a.ags,
      fieldCode: null,
      start: a.date,
      label: a.title ?? 'Kooperationsvereinbarung',
    });
  }
  for (const c of coaching)
    interventions.push({ kind: 'coaching', id: c.id, ags: c.ags, fieldCode: null, start: c.started_on, label: `Coaching ${c.started_on}` });
  const projectSeen = new Set<string>();
  for (const p of projects) {
    const start = p.start_date ?? p.decided_at?.slice(0, 10);
    const k = `${p.id}|${p.field_code}`;
    if (!start || projectSeen.has(k)) continue;
    projectSeen.add(k);
    interventions.push({ kind: 'project', id: p.id, ags: p.ags, fieldCode: p.field_code, start, label: p.title });
  }

  return {
    municipalities: new Map(municipalities.map((m) => [m.ags, { name: m.name, districtAgs: m.district_ags, population: m.population }])),
    districts: new Map(districts.map((d) => [d.ags, { name: d.name, typeCode: d.type_code, population: d.population }])),
    fields,
    municipal,
    district,
    interventions,
    choices: new Map(
      choices.map((c) => [
        choiceKey(c.intervention_kind as InterventionKind, c.intervention_id, c.field_code),
        {
          units: JSON.parse(c.units_json) as string[],
          reason: c.reason,
          chosenBy: c.chosen_by_label,
          chosenAt: c.chosen_at,
          version: c.version,
        },
      ]),
    ),
    surveys: opts.surveys ? await loadSurveyWaves(db, opts.untilYear) : undefined,
    untilYear: opts.untilYear,
  };
}

/** The crime and survey index estimates of the interventions that pass the filter. */
const list = (inputs: EffectInputs, keep: (i: Intervention) => boolean): EffectList => ({
  methodVersion: METHOD_VERSION,
  minCases: EFFECTS_LIMITS.minCases,
  minRespondents: EFFECTS_LIMITS.minRespondents,
  estimates: estimateAll(inputs, keep),
  surveyEstimates: estimateAllSurvey(inputs, keep),
});

/** The estimates of every intervention of one municipality, field by field. */
export async function getMunicipalityEffects(db: DbOrTrx, principal: Principal, ags: string): Promise<EffectList> {
  await requireAccess(db, principal, 'effects.read', ags);
  const inputs = await loadEffectInputs(db, { surveys: true });
  if (!inputs.municipalities.has(ags)) throw notFound({ de: `Keine Gemeinde ${ags}.`, en: `No municipality ${ags}.` });
  return list(inputs, (i) => i.ags === ags);
}

/** The estimates of a funded project in its field(s) of action. */
export async function getProjectEffects(db: DbOrTrx, principal: Principal, id: number): Promise<EffectList> {
  const project = await repo.findProject(db, id);
  if (!project) throw notFound({ de: `Kein Projekt Nr. ${id}.`, en: `No project no. ${id}.` });
  await requireAccess(db, principal, 'effects.read', project.ags);
  const inputs = await loadEffectInputs(db, { surveys: true });
  return list(inputs, (i) => i.kind === 'project' && i.id === id);
}

/** Most frequent reason among suppressed estimates (ties: catalogue order). */
function mainReason(counts: Map<SuppressionReason, number>): SuppressionReason | null {
  let best: SuppressionReason | null = null;
  for (const [r, c] of counts) if (best === null || c > counts.get(best)!) best = r;
  return best;
}

/** Effects per field of action for a year, from the estimates the inputs allow, as far as the scope reaches. */
export function summariseStatewide(inputs: EffectInputs, year: number, scope: MunicipalScope): StatewideEffects {
  const ctx = new EffectsContext(inputs);
  const interventions = inputs.interventions.filter((i) => Number(i.start.slice(0, 4)) < year && inScope(scope, i.ags));
  return {
    methodVersion: METHOD_VERSION,
    year,
    fields: inputs.fields.map((f) => {
      const estimates = interventions.filter((i) => concernsField(i, f)).map((i) => estimateEffect(ctx, i, f));
      const shown = estimates.filter((e) => e.result);
      const reasons = new Map<SuppressionReason, number>();
      for (const e of estimates) if (e.suppressed) reasons.set(e.suppressed, (reasons.get(e.suppressed) ?? 0) + 1);
      const pooled = poolRateRatios(shown.map((e) => ({ rateRatio: e.result!.rateRatio, seLog: e.result!.seLog })));
      return {
        field: { code: f.code, name: f.name, nameEn: f.nameEn },
        interventions: estimates.length,
        shown: shown.length,
        fewer: shown.filter((e) => e.result!.ciHigh < 1).length,
        more: shown.filter((e) => e.result!.ciLow > 1).length,
        pooled: pooled && {
          rateRatio: pooled.rateRatio,
          ciLow: pooled.ciLow,
          ciHigh: pooled.ciHigh,
          noReliableEffect: pooled.noReliableEffect,
        },
        reason: shown.length ? null : f.offences.length ? mainReason(reasons) : 'no-offences-mapped',
        suppressedBy: [...reasons].map(([reason, count]) => ({ reason, count })),
        estimates,
      };
    }),
  };
}

/**
 * The counters of the effects' inputs besides the directory, bumped by triggers on every table the
 * estimates read (migration 2026_12_09_1100_add_effects_generation): the figures, the interventions.
 */
export const EFFECTS_COUNTERS = ['effects.figures.generation', 'effects.interventions.generation'] as const;
const STATEWIDE_COUNTERS = [DIRECTORY_COUNTER, ...EFFECTS_COUNTERS] as const;

/** The statewide effects per database (or transaction), per value of the counters, per year. */
const statewideCache = new WeakMap<object, { stamp: string; years: Map<number, Promise<StatewideEffects>> }>();

/**
 * The effects per field of action for the annual report of `year`: interventions started before
 * the year, figures up to the year, statewide (no row scope: the report is the ministry's).
 *
 * Computed once per value of the directory's and the effects' change counters (read from the
 * database on every call, so no process answers from data older than the last committed write)
 * and kept per database and year; concurrent callers share one computation, a failed one is not
 * kept. The answer is shared: callers must not change it.
 */
export async function statewideEffects(db: DbOrTrx, opts: { year: number }): Promise<StatewideEffects> {
  const compute = async () => summariseStatewide(await loadEffectInputs(db, { untilYear: opts.year }), opts.year, { all: true });
  const rows = await repo.readCounters(db, STATEWIDE_COUNTERS);
  const values = STATEWIDE_COUNTERS.map((k) => rows.find((r) => r.key === k)?.version);
  if (values.some((v) => v === undefined)) return compute();
  const stamp = values.join('.');
  let entry = statewideCache.get(db);
  if (!entry || entry.stamp !== stamp) statewideCache.set(db, (entry = { stamp, years: new Map() }));
  const years = entry.years;
  let pending = years.get(opts.year);
  if (!pending) {
    pending = compute();
    years.set(opts.year, pending);
    pending.catch(() => years.delete(opts.year));
  }
  return pending;
}

/** The statewide view of one year as far as the caller's scope reaches. */
export async function getStatewideEffects(db: DbOrTrx, principal: Principal, year: number): Promise<StatewideEffects> {
  const scope = await scopeOf(db, principal);
  return summariseStatewide(await loadEffectInputs(db, { untilYear: year }), year, scope);
}

/** Estimates for the export (crime and survey index effects): one municipality, one project, or every one in scope (of a year). */
export async function listEffectsForExport(
  db: DbOrTrx,
  principal: Principal,
  q: { ags?: string; projectId?: number; year?: number },
): Promise<Pick<EffectList, 'estimates' | 'surveyEstimates'>> {
  if (q.projectId !== undefined) return getProjectEffects(db, principal, q.projectId);
  if (q.ags) return getMunicipalityEffects(db, principal, q.ags);
  const scope = await scopeOf(db, principal);
  const inputs = await loadEffectInputs(db, { untilYear: q.year, surveys: true });
  return list(inputs, (i) => inScope(scope, i.ags) && (q.year === undefined || Number(i.start.slice(0, 4)) < q.year));
}

const comparisonError = (code: string, de: string, en: string) =>
  new AppError('rule-violation', { de, en }, [{ field: 'units', code, message: { de, en } }]);

/**
 * Records the comparison group the LPR chose for an intervention and field: every unit must be one
 * the engine could use (figures at the outcome's level for every year) and none may have an
 * intervention of the same kind; the choice is versioned and audited.
 */
export async function setComparison(
  db: DbOrTrx,
  actor: Actor,
  p: { kind: InterventionKind; id: number; field: string },
  input: SetComparisonInput,
): Promise<EffectEstimate> {
  const inputs = await loadEffectInputs(db);
  const intervention = inputs.interventions.find((i) => i.kind === p.kind && i.id === p.id);
  const field = inputs.fields.find((f) => f.code === p.field);
  if (!intervention || !field || !concernsField(intervention, field))
    throw notFound({ de: 'Diese Maßnahme gibt es in diesem Handlungsfeld nicht.', en: 'No such intervention in this field of action.' });
  const units = [...new Set(input.units)];
  const ctx = new EffectsContext(inputs);
  const current = estimateEffect(ctx, intervention, field);
  const excluded = ctx.excluded(intervention.kind, field.code);
  const level = current.outcome.level;
  const withIntervention = units.filter((u) => (level === 'municipality' ? excluded.municipalities : excluded.districts).has(u));
  const refused = [...withIntervention, ...(units.includes(current.outcome.unitAgs) ? [current.outcome.unitAgs] : [])];
  if (refused.length)
    throw comparisonError(
      'comparison_has_intervention',
      `Als Vergleich ungeeignet, weil selbst mit einer solchen Maßnahme: ${refused.join(', ')}`,
      `Not usable for comparison, having such an intervention itself: ${refused.join(', ')}`,
    );
  const data = ctx.level(field, level);
  const years = [...current.outcome.preYears, ...current.outcome.postYears];
  const missing = units.filter((u) => {
    const s = data.series.get(u);
    return !s || years.some((y) => !s.has(y));
  });
  if (missing.length)
    throw comparisonError(
      'comparison_without_figures',
      `Ohne Zahlen (${level === 'municipality' ? 'Gemeinde' : 'Kreis'}) für ${years.join(', ')}: ${missing.join(', ')}`,
      `Without figures (${level}) for ${years.join(', ')}: ${missing.join(', ')}`,
    );

  const now = nowIso();
  const existing = await repo.findChoice(db, p.kind, p.id, p.field);
  const values = {
    units_json: JSON.stringify(units),
    reason: input.reason,
    chosen_by: actor.userId,
    chosen_by_label: actor.label,
    chosen_at: now,
  };
  const present = (r: { units_json: string; reason: string; version: number }) => ({
    units: JSON.parse(r.units_json),
    reason: r.reason,
    version: r.version,
  });
  if (existing) {
    if (input.version !== existing.version) throw conflict(present(existing));
    const row = await repo.updateChoice(db, existing.id, existing.version, values);
    if (!row) throw conflict(present(existing));
    await recordAudit(db, actor, {
      action: 'update',
      entityType: 'effect_comparison',
      entityId: row.id,
      before: present(existing),
      after: present(row),
    });
    inputs.choices.set(choiceKey(p.kind, p.id, p.field), toChoice(row));
  } else {
    if (input.version !== undefined) throw conflict(null);
    const row = await repo.insertChoice(db, { intervention_kind: p.kind, intervention_id: p.id, field_code: p.field, ...values });
    await recordAudit(db, actor, {
      action: 'create',
      entityType: 'effect_comparison',
      entityId: row.id,
      after: { kind: p.kind, id: p.id, field: p.field, ...present(row) },
    });
    inputs.choices.set(choiceKey(p.kind, p.id, p.field), toChoice(row));
  }
  return estimateEffect(new EffectsContext(inputs), intervention, field);
}

/**
 * Returns an intervention's comparison group to the automatic choice: the recorded choice is
 * deleted when its version is still current, and the deletion is audited with what was chosen.
 */
export async function clearComparison(
  db: DbOrTrx,
  actor: Actor,
  p: { kind: InterventionKind; id: number; field: string },
  version: number,
): Promise<EffectEstimate> {
  const existing = await repo.findChoice(db, p.kind, p.id, p.field);
  if (!existing)
    throw notFound({
      de: 'Für diese Maßnahme ist keine Vergleichsgruppe gewählt; sie wird bereits automatisch bestimmt.',
      en: 'No comparison group is chosen for this intervention; it is already chosen automatically.',
    });
  const before = {
    kind: p.kind,
    id: p.id,
    field: p.field,
    units: JSON.parse(existing.units_json),
    reason: existing.reason,
    version: existing.version,
  };
  if (version !== existing.version || !(await repo.deleteChoice(db, existing.id, version))) throw conflict(before);
  await recordAudit(db, actor, { action: 'delete', entityType: 'effect_comparison', entityId: existing.id, before });
  const inputs = await loadEffectInputs(db);
  const intervention = inputs.interventions.find((i) => i.kind === p.kind && i.id === p.id);
  const field = inputs.fields.find((f) => f.code === p.field);
  if (!intervention || !field || !concernsField(intervention, field))
    throw notFound({ de: 'Diese Maßnahme gibt es in diesem Handlungsfeld nicht.', en: 'No such intervention in this field of action.' });
  return estimateEffect(new EffectsContext(inputs), intervention, field);
}

function toChoice(r: {
  units_json: string;
  reason: string;
  chosen_by_label: string;
  chosen_at: string;
  version: number;
}): ComparisonChoice {
  return {
    units: JSON.parse(r.units_json) as string[],
    reason: r.reason,
    chosenBy: r.chosen_by_label,
    chosenAt: r.chosen_at,
    version: r.version,
  };
}

/** The follow-up block of a security analysis: its baseline year (the year before it started) against the latest figures. */
export async function getAnalysisFollowUp(db: DbOrTrx, principal: Principal, id: number): Promise<FollowUp> {
  const analysis = await repo.findSecurityAnalysis(db, id);
  if (!analysis) throw notFound({ de: `Keine Sicherheitsanalyse Nr. ${id}.`, en: `No security analysis no. ${id}.` });
  await requireAccess(db, principal, 'effects.read', analysis.ags);
  const inputs = await loadEffectInputs(db);
  const baselineYear = Number((analysis.started_on ?? analysis.created_at).slice(0, 4)) - 1;
  return {
    methodVersion: METHOD_VERSION,
    analysisId: analysis.id,
    ags: analysis.ags,
    municipalityName: inputs.municipalities.get(analysis.ags)?.name ?? analysis.ags,
    baselineYear,
    fields: followUpOf(new EffectsContext(inputs), analysis.ags, baselineYear),
  };
}
