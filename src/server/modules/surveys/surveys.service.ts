import { areaQuestion, STANDARD_QUESTIONNAIRE } from '../../../shared/survey-template.ts';
import { type QuestionnaireDefinition, questionnaireDefinitionSchema, SURVEY_LIMITS } from '../../../shared/survey-questionnaire.ts';
import type { CreateSurveyInput, Survey, SurveyDetail, UpdateSurveyInput } from '../../../shared/surveys.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isPostgres } from '../../db/migration-helpers.ts';
import { AppError, conflict, fieldError, notFound, ruleViolation } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { findMissingMunicipalities, listNamedAreas } from '../territory/index.ts';
import { codeHash, deriveBatch, derivedCode } from './codes.ts';
import { structuralChange } from './questionnaire.rules.ts';
import { can, canWithin, forbiddenScope, requireAccess, scopeOf } from '../../auth/access.ts';
import * as repo from './surveys.repository.ts';
import type { SurveyRow } from './surveys.repository.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

const ENTITY = 'survey';
const surveyNotFound = () => notFound({ de: 'Diese Befragung gibt es nicht.', en: 'This survey does not exist.' });

function present(row: SurveyRow, municipalities: Array<{ ags: string; name: string }>): Survey {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    fieldStart: row.field_start,
    fieldEnd: row.field_end,
    kMin: row.k_min,
    previousSurveyId: row.previous_survey_id,
    allowsComparison: row.allows_comparison === 1,
    questionnaireVersion: row.questionnaire_version,
    municipalities,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedOn: row.closed_on,
    version: row.version,
  };
}

/** Whether the public may answer now: fieldwork, and today inside the field period (inclusive). */
export function isOpen(row: Pick<SurveyRow, 'status' | 'field_start' | 'field_end'>, on = todayBerlin()): boolean {
  return row.status === 'fieldwork' && row.field_start <= on && on <= row.field_end;
}

/** Loads a survey the principal may see, with its municipalities; 404 / 403 otherwise. */
export async function loadSurvey(db: DbOrTrx, principal: Principal, id: number, mode: 'see' | 'run' = 'see') {
  const row = await repo.findSurvey(db, id);
  if (!row) throw surveyNotFound();
  const municipalities = (await repo.listSurveyMunicipalities(db, [id])).get(id) ?? [];
  const ags = municipalities.map((m) => m.ags);
  const scope = await scopeOf(db, principal);
  if (!canWithin(scope, principal, 'surveys.read', { any: ags })) throw forbiddenScope();
  if (mode === 'run' && !canWithin(scope, principal, 'surveys.manage', { every: ags })) {
    throw new AppError('forbidden-scope', {
      de: 'Diese Befragung umfasst Kommunen außerhalb Ihres Zuständigkeitsbereichs; nur die Landeskoordination kann sie ändern.',
      en: 'This survey includes municipalities outside your scope; only the state council staff can change it.',
    });
  }
  return { row, municipalities, scope };
}

export async function listSurveys(db: DbOrTrx, principal: Principal, q: { page: number; pageSize: number; status?: string; q?: string }) {
  const { rows, total } = await repo.listSurveys(db, principal, { status: q.status, q: q.q }, q.pageSize, (q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const [places, counts] = await Promise.all([repo.listSurveyMunicipalities(db, ids), repo.countResponsesBySurvey(db, ids)]);
  return {
    items: rows.map((r) => ({ ...present(r, places.get(r.id) ?? []), responses: counts.get(r.id) ?? 0 })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getSurveyDetail(db: DbOrTrx, principal: Principal, id: number): Promise<SurveyDetail> {
  const { row, municipalities, scope } = await loadSurvey(db, principal, id);
  const [codes, responses, pending] = await Promise.all([
    repo.countCodesByState(db, id),
    repo.countResponsesByChannel(db, id),
    repo.countPendingPaperEntries(db, id),
  ]);
  return {
    ...present(row, municipalities),
    codes: { total: codes.unused + codes.started + codes.used, ...codes },
    responses: { total: responses.online + responses.paper + responses.import, ...responses },
    open: isOpen(row),
    pendingPaperEntries: pending,
    mayChange: canWithin(scope, principal, 'surveys.manage', { every: municipalities.map((m) => m.ags) }),
  };
}

async function checkMunicipalities(db: DbOrTrx, principal: Principal, ags: string[]): Promise<string[]> {
  const unique = [...new Set(ags)];
  const missing = await findMissingMunicipalities(db, unique);
  if (missing.length)
    throw fieldError(
      'municipalities',
      { de: `Unbekannte Gemeinde (AGS): ${missing.join(', ')}.`, en: `Unknown municipality (AGS): ${missing.join(', ')}.` },
      'unknown',
    );
  const scope = await scopeOf(db, principal);
  const outside = unique.filter((a) => !canWithin(scope, principal, 'surveys.manage', a));
  if (outside.length) {
    throw new AppError(
      'forbidden-scope',
      { de: `Außerhalb Ihres Zuständigkeitsbereichs: ${outside.join(', ')}.`, en: `Outside your scope: ${outside.join(', ')}.` },
      [{ field: 'municipalities', code: 'out_of_scope', message: { de: 'Nur eigene Kommunen.', en: 'Own communes only.' } }],
    );
  }
  return unique.sort();
}

function checkPeriod(fieldStart: string, fieldEnd: string): void {
  if (fieldEnd < fieldStart) {
    throw ruleViolation(
      { de: 'Das Ende der Feldphase liegt vor ihrem Beginn.', en: 'The field period ends before it starts.' },
      'fieldEnd',
    );
  }
}

async function checkPrevious(db: DbOrTrx, principal: Principal, id: number | null, previous: number | null | undefined): Promise<void> {
  if (previous === null || previous === undefined) return;
  if (previous === id)
    throw ruleViolation(
      { de: 'Eine Befragung kann nicht ihre eigene frühere Welle sein.', en: 'A survey cannot be its own earlier wave.' },
      'previousSurveyId',
    );
  const seen = new Set<number>(id === null ? [] : [id]);
  let cursor: number | null = previous;
  let first = true;
  while (cursor !== null) {
    if (seen.has(cursor)) throw ruleViolation({ de: 'Die Wellen bilden einen Kreis.', en: 'The waves form a cycle.' }, 'previousSurveyId');
    seen.add(cursor);
    const row = await repo.findSurvey(db, cursor);
    if (!row) {
      if (first)
        throw fieldError(
          'previousSurveyId',
          { de: 'Diese frühere Befragung gibt es nicht.', en: 'This earlier survey does not exist.' },
          'unknown',
        );
      break;
    }
    if (first) {
      const places = (await repo.listSurveyMunicipalities(db, [cursor])).get(cursor) ?? [];
      if (!(await can(db, principal, 'surveys.read', { any: places.map((p) => p.ags) })))
        throw fieldError(
          'previousSurveyId',
          { de: 'Diese frühere Befragung gibt es nicht.', en: 'This earlier survey does not exist.' },
          'unknown',
        );
    }
    first = false;
    cursor = row.previous_survey_id;
  }
}

function auditView(s: Survey) {
  return {
    title: s.title,
    status: s.status,
    fieldStart: s.fieldStart,
    fieldEnd: s.fieldEnd,
    kMin: s.kMin,
    previousSurveyId: s.previousSurveyId,
    allowsComparison: s.allowsComparison,
    questionnaireVersion: s.questionnaireVersion,
    municipalities: s.municipalities.map((m) => m.ags),
    closedOn: s.closedOn,
    version: s.version,
  };
}

/** The standard questionnaire with every default filled in, as stored for a new survey. */
export function standardDefinition(): QuestionnaireDefinition {
  return questionnaireDefinitionSchema.parse(structuredClone(STANDARD_QUESTIONNAIRE));
}

/**
 * The standard questionnaire with the optional area question (Ortsteil) at the end of the person
 * section, its options the named areas of the survey's municipalities in their order (decision 037);
 * with several municipalities each label names its municipality. 400 when fewer than two areas exist.
 */
async function definitionWithAreas(db: DbOrTrx, municipalities: string[]): Promise<QuestionnaireDefinition> {
  const names = await repo.findMunicipalityNames(db, municipalities);
  const areas: Array<{ code: string; name: string }> = [];
  for (const ags of municipalities) {
    for (const a of await listNamedAreas(db, ags)) {
      areas.push({
        code: `ortsteil_${areas.length + 1}`,
        name: municipalities.length > 1 ? `${a.name} (${names.get(ags) ?? ags})` : a.name,
      });
    }
  }
  if (areas.length < 2 || areas.length > SURVEY_LIMITS.options)
    throw fieldError(
      'areaQuestion',
      {
        de: `Für die Frage nach dem Ortsteil braucht die Gemeinde mindestens 2 und höchstens ${SURVEY_LIMITS.options} benannte Ortsteile (vorhanden: ${areas.length}).`,
        en: `The area question needs at least 2 and at most ${SURVEY_LIMITS.options} named areas of the municipality (found: ${areas.length}).`,
      },
      'areas',
    );
  const def = standardDefinition();
  def.sections.find((s) => s.id === 'person')!.questions.push(areaQuestion(areas) as never);
  return questionnaireDefinitionSchema.parse(def);
}

export async function createSurvey(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  input: CreateSurveyInput,
  opts: { definition?: QuestionnaireDefinition } = {},
): Promise<Survey> {
  const municipalities = await checkMunicipalities(trx, principal, input.municipalities);
  checkPeriod(input.fieldStart, input.fieldEnd);
  await checkPrevious(trx, principal, null, input.previousSurveyId);
  const definition = opts.definition ?? (input.areaQuestion ? await definitionWithAreas(trx, municipalities) : standardDefinition());
  const now = nowIso();
  const id = await repo.insertSurvey(trx, {
    title: input.title,
    status: 'draft',
    field_start: input.fieldStart,
    field_end: input.fieldEnd,
    k_min: input.kMin ?? 5,
    previous_survey_id: input.previousSurveyId ?? null,
    allows_comparison: input.allowsComparison ? 1 : 0,
    questionnaire_version: 1,
    created_at: now,
    updated_at: now,
    closed_on: null,
    version: 1,
  });
  await repo.replaceSurveyMunicipalities(trx, id, municipalities);
  await repo.insertQuestionnaire(trx, id, 1, JSON.stringify(definition), now);
  const { row, municipalities: places } = await loadSurvey(trx, principal, id);
  const created = present(row, places);
  await recordAudit(trx, actor, { action: 'survey.create', entityType: ENTITY, entityId: id, after: auditView(created) });
  return created;
}

export async function updateSurvey(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: UpdateSurveyInput,
): Promise<Survey> {
  const { row, municipalities } = await loadSurvey(trx, principal, id, 'run');
  const before = present(row, municipalities);
  if (row.version !== input.version) throw conflict(before);
  const set: Parameters<typeof repo.updateSurveyRow>[3] = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.kMin !== undefined && input.kMin !== row.k_min) {
    if (input.kMin < row.k_min) {
      throw ruleViolation(
        {
          de: `Die Mindestfallzahl k kann erhöht, aber nie gesenkt werden (derzeit ${row.k_min}).`,
          en: `The minimum group size k can be raised, never lowered (currently ${row.k_min}).`,
        },
        'kMin',
      );
    }
    set.k_min = input.kMin;
  }
  // Opting in or out of the statewide benchmark is allowed in every status, also after close.
  if (input.allowsComparison !== undefined) set.allows_comparison = input.allowsComparison ? 1 : 0;
  const structural =
    input.fieldStart !== undefined ||
    input.fieldEnd !== undefined ||
    input.municipalities !== undefined ||
    input.previousSurveyId !== undefined;
  if (row.status === 'closed' && structural) {
    throw ruleViolation(
      {
        de: 'Eine abgeschlossene Befragung lässt nur Titel, Mindestfallzahl und die Freigabe zum Vergleich ändern.',
        en: 'A closed survey only allows changes of title, minimum group size and the consent to comparison.',
      },
      'status',
    );
  }
  if (input.municipalities !== undefined) {
    const next = await checkMunicipalities(trx, principal, input.municipalities);
    if (row.status !== 'draft' && next.join() !== municipalities.map((m) => m.ags).join()) {
      throw ruleViolation(
        {
          de: 'Die Gemeinden einer Befragung lassen sich nur im Entwurf ändern.',
          en: 'The municipalities of a survey can only change while it is a draft.',
        },
        'municipalities',
      );
    }
    if (row.status === 'draft') await repo.replaceSurveyMunicipalities(trx, id, next);
  }
  const fieldStart = input.fieldStart ?? row.field_start;
  const fieldEnd = input.fieldEnd ?? row.field_end;
  if (input.fieldStart !== undefined || input.fieldEnd !== undefined) {
    checkPeriod(fieldStart, fieldEnd);
    if (
      row.status === 'fieldwork' &&
      input.fieldStart !== undefined &&
      input.fieldStart !== row.field_start &&
      row.field_start <= todayBerlin()
    ) {
      throw ruleViolation(
        {
          de: 'Der Beginn einer laufenden Feldphase lässt sich nicht mehr verschieben.',
          en: 'The start of a running field period cannot be moved.',
        },
        'fieldStart',
      );
    }
    set.field_start = fieldStart;
    set.field_end = fieldEnd;
  }
  if (input.previousSurveyId !== undefined) {
    await checkPrevious(trx, principal, id, input.previousSurveyId);
    set.previous_survey_id = input.previousSurveyId;
  }
  set.updated_at = nowIso();
  if (!(await repo.updateSurveyRow(trx, id, row.version, set))) throw conflict(before);
  const after = await loadSurvey(trx, principal, id);
  const updated = present(after.row, after.municipalities);
  await recordAudit(trx, actor, {
    action: 'survey.update',
    entityType: ENTITY,
    entityId: id,
    before: auditView(before),
    after: auditView(updated),
  });
  return updated;
}

export async function deleteSurvey(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number | undefined,
): Promise<void> {
  const { row, municipalities } = await loadSurvey(trx, principal, id, 'run');
  const before = present(row, municipalities);
  if (version !== undefined && version !== row.version) throw conflict(before);
  if (row.status !== 'draft') {
    throw ruleViolation(
      {
        de: 'Nur eine Befragung im Entwurf lässt sich löschen; eine begonnene Befragung wird abgeschlossen.',
        en: 'Only a draft survey can be deleted; a started survey is closed instead.',
      },
      'status',
    );
  }
  await repo.deleteSurveyRows(trx, id);
  await recordAudit(trx, actor, { action: 'survey.delete', entityType: ENTITY, entityId: id, before: auditView(before) });
}

// ---- fieldwork ----

export async function startSurvey(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number | undefined,
): Promise<Survey> {
  const { row, municipalities } = await loadSurvey(trx, principal, id, 'run');
  const before = present(row, municipalities);
  if (version !== undefined && version !== row.version) throw conflict(before);
  if (row.status !== 'draft') {
    throw ruleViolation(
      { de: 'Nur eine Befragung im Entwurf kann in die Feldphase gehen.', en: 'Only a draft survey can start its fieldwork.' },
      'status',
    );
  }
  if (row.field_end < todayBerlin()) {
    throw ruleViolation(
      {
        de: `Die Feldphase endete am ${row.field_end}; verschieben Sie zuerst ihr Ende.`,
        en: `The field period ended on ${row.field_end}; move its end first.`,
      },
      'fieldEnd',
    );
  }
  return transition(trx, actor, principal, row, before, { status: 'fieldwork' }, 'survey.start');
}

export async function closeSurvey(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: { version?: number; discardPendingPaperEntries?: boolean },
): Promise<Survey> {
  const { row, municipalities } = await loadSurvey(trx, principal, id, 'run');
  const before = present(row, municipalities);
  if (input.version !== undefined && input.version !== row.version) throw conflict(before);
  if (row.status !== 'fieldwork') {
    throw ruleViolation(
      { de: 'Nur eine Befragung in der Feldphase kann abgeschlossen werden.', en: 'Only a survey in fieldwork can be closed.' },
      'status',
    );
  }
  const pending = await repo.countPendingPaperEntries(trx, id);
  if (pending > 0 && !input.discardPendingPaperEntries) {
    throw ruleViolation(
      {
        de: `${pending} Papierbögen warten noch auf ihre Zweiterfassung. Erfassen Sie sie oder verwerfen Sie sie ausdrücklich beim Abschließen.`,
        en: `${pending} paper returns still wait for their second entry. Enter them, or discard them explicitly when closing.`,
      },
      'discardPendingPaperEntries',
    );
  }
  // Drafts of questionnaires never submitted are deleted: after the field period they serve no one.
  const drafts = await repo.deleteDraftsOfSurvey(trx, id);
  const discarded = pending > 0 ? await repo.deletePaperEntriesOfSurvey(trx, id) : 0;
  if (isPostgres(trx)) await repo.scrubStorageOrder(trx, id);
  return transition(trx, actor, principal, row, before, { status: 'closed', closed_on: todayBerlin() }, 'survey.close', {
    draftsDeleted: drafts,
    paperEntriesDiscarded: discarded,
  });
}

async function transition(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  row: SurveyRow,
  before: Survey,
  set: Parameters<typeof repo.updateSurveyRow>[3],
  action: string,
  extra: Record<string, unknown> = {},
): Promise<Survey> {
  if (!(await repo.updateSurveyRow(trx, row.id, row.version, { ...set, updated_at: nowIso() }))) throw conflict(before);
  const after = await loadSurvey(trx, principal, row.id);
  const updated = present(after.row, after.municipalities);
  await recordAudit(trx, actor, {
    action,
    entityType: ENTITY,
    entityId: row.id,
    before: auditView(before),
    after: { ...auditView(updated), ...extra },
  });
  return updated;
}

// ---- questionnaire versions ----

const definitionCache = new Map<string, QuestionnaireDefinition>();
/** Parses a stored definition (versions never change, so the parsed form is kept by its text). */
export function parseDefinition(json: string): QuestionnaireDefinition {
  let def = definitionCache.get(json);
  if (!def) {
    def = JSON.parse(json) as QuestionnaireDefinition;
    if (definitionCache.size >= 100) definitionCache.delete(definitionCache.keys().next().value!);
    definitionCache.set(json, def);
  }
  return def;
}

// Questionnaire versions never change once written, so a parsed version is kept per database.
const versionCache = new WeakMap<object, Map<string, QuestionnaireDefinition>>();

export async function loadDefinition(db: DbOrTrx, surveyId: number, version: number): Promise<QuestionnaireDefinition> {
  let cache = versionCache.get(db);
  const key = `${surveyId}:${version}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const q = await repo.findQuestionnaire(db, surveyId, version);
  if (!q) throw notFound({ de: `Die Fragebogenversion ${version} gibt es nicht.`, en: `Questionnaire version ${version} does not exist.` });
  const def = parseDefinition(q.definition_json);
  if (!cache) versionCache.set(db, (cache = new Map()));
  if (cache.size >= 200) cache.delete(cache.keys().next().value!);
  cache.set(key, def);
  return def;
}

export async function getQuestionnaire(db: DbOrTrx, principal: Principal, id: number, version?: number) {
  const { row } = await loadSurvey(db, principal, id);
  const v = version ?? row.questionnaire_version;
  const q = await repo.findQuestionnaire(db, id, v);
  if (!q) throw notFound({ de: `Die Fragebogenversion ${v} gibt es nicht.`, en: `Questionnaire version ${v} does not exist.` });
  return {
    surveyId: id,
    version: v,
    current: v === row.questionnaire_version,
    createdAt: q.created_at,
    definition: parseDefinition(q.definition_json),
  };
}

export async function listQuestionnaireVersions(db: DbOrTrx, principal: Principal, id: number) {
  const { row } = await loadSurvey(db, principal, id);
  const versions = await repo.listQuestionnaireVersions(db, id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      current: v.version === row.questionnaire_version,
      createdAt: v.created_at,
      responses: v.responses,
    })),
  };
}

export async function putQuestionnaire(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: { basedOnVersion: number; definition: QuestionnaireDefinition },
  restoredFrom?: number,
) {
  const { row } = await loadSurvey(trx, principal, id, 'run');
  const current = await getQuestionnaire(trx, principal, id);
  if (input.basedOnVersion !== row.questionnaire_version) throw conflict(current);
  if (row.status === 'closed') {
    throw ruleViolation(
      {
        de: 'Der Fragebogen einer abgeschlossenen Befragung lässt sich nicht mehr ändern.',
        en: 'The questionnaire of a closed survey cannot change any more.',
      },
      'status',
    );
  }
  if (row.status === 'fieldwork') {
    const path = structuralChange(current.definition, input.definition);
    if (path) {
      const message = {
        de: 'Während der Feldphase sind nur Änderungen an Formulierungen und Übersetzungen erlaubt – keine neuen, entfernten oder umgestellten Fragen, Antworten, Bedingungen oder Bereiche.',
        en: 'During fieldwork only wording and translation may change – no added, removed or reordered questions, answers, conditions or ranges.',
      };
      throw new AppError('rule-violation', message, [{ field: path, code: 'structure_locked', message }]);
    }
  }
  if (JSON.stringify(input.definition) === JSON.stringify(current.definition)) {
    throw ruleViolation(
      {
        de: 'Der Fragebogen ist unverändert; es wurde keine neue Version angelegt.',
        en: 'The questionnaire is unchanged; no new version was created.',
      },
      'definition',
    );
  }
  const version = row.questionnaire_version + 1;
  const now = nowIso();
  await repo.insertQuestionnaire(trx, id, version, JSON.stringify(input.definition), now);
  if (!(await repo.updateSurveyRow(trx, id, row.version, { questionnaire_version: version, updated_at: now }))) throw conflict(current);
  await recordAudit(trx, actor, {
    action: 'survey.questionnaire',
    entityType: ENTITY,
    entityId: id,
    before: { questionnaireVersion: row.questionnaire_version },
    after: { questionnaireVersion: version, status: row.status, ...(restoredFrom === undefined ? {} : { restoredFrom }) },
  });
  return { surveyId: id, version, current: true, createdAt: now, definition: input.definition };
}

/**
 * Restores an older questionnaire version: its definition becomes a new version, under the same
 * rules as saving (409 when stale; fieldwork: wording only; closed: never; unchanged: 422). The
 * audit entry names the version restored.
 */
export async function restoreQuestionnaireVersion(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  from: number,
  input: { basedOnVersion: number },
) {
  const old = await getQuestionnaire(trx, principal, id, from);
  return putQuestionnaire(trx, actor, principal, id, { basedOnVersion: input.basedOnVersion, definition: old.definition }, from);
}

// ---- codes ----

export async function createCodes(trx: DbOrTrx, actor: Actor, principal: Principal, id: number, input: { ags: string; count: number }) {
  const { row, municipalities } = await loadSurvey(trx, principal, id);
  if (!municipalities.some((m) => m.ags === input.ags)) {
    throw fieldError(
      'ags',
      { de: 'Diese Gemeinde gehört nicht zur Befragung.', en: 'This municipality is not part of the survey.' },
      'not_in_survey',
    );
  }
  await requireAccess(trx, principal, 'surveys.manage', input.ags);
  if (row.status === 'closed') {
    throw ruleViolation(
      { de: 'Für eine abgeschlossene Befragung werden keine Codes mehr erzeugt.', en: 'No codes are generated for a closed survey.' },
      'status',
    );
  }
  const { batch, codes } = await issueCodes(trx, id, input.ags, input.count);
  await recordAudit(trx, actor, {
    action: 'survey.codes',
    entityType: ENTITY,
    entityId: id,
    after: { batch, ags: input.ags, count: codes.length },
  });
  return { batch, ags: input.ags, count: codes.length };
}

/**
 * Issues a batch of codes (decision 010): the candidates derived from the survey key in order,
 * skipping any whose hash is taken already (a collision in 2^60 is practically impossible); only
 * their hashes are stored. Returns the batch, its codes and their hashes, in letter order.
 */
export async function issueCodes(trx: DbOrTrx, surveyId: number, ags: string, count: number) {
  const key = await repo.surveyKey(trx);
  const batch = await repo.nextBatchNumber(trx, surveyId);
  const chosen = new Map<string, string>();
  for (let n = 0; chosen.size < count;) {
    const candidates = [];
    for (const end = n + (count - chosen.size); n < end; n += 1) {
      const code = derivedCode(key, surveyId, batch, n);
      candidates.push({ code, hash: codeHash(key, code) });
    }
    const taken = await repo.existingCodeHashes(
      trx,
      candidates.map((c) => c.hash),
    );
    for (const c of candidates) if (!taken.has(c.hash) && !chosen.has(c.hash)) chosen.set(c.hash, c.code);
  }
  const hashes = [...chosen.keys()];
  await repo.insertCodes(trx, surveyId, ags, batch, hashes);
  return { batch, codes: [...chosen.values()], hashes };
}

export async function listBatches(db: DbOrTrx, principal: Principal, id: number) {
  const { scope } = await loadSurvey(db, principal, id);
  const rows = await repo.listBatches(db, id);
  return {
    items: rows
      .filter((r) => canWithin(scope, principal, 'surveys.manage', r.ags))
      .map((r) => ({
        batch: r.batch,
        ags: r.ags,
        municipalityName: r.name,
        count: Number(r.count),
        unused: Number(r.unused),
        started: Number(r.started),
        used: Number(r.used),
      })),
  };
}

/** The codes of one batch with their municipality, for letters and the mail-merge file. */
export async function batchCodes(db: DbOrTrx, principal: Principal, id: number, batch: number) {
  const { row, municipalities } = await loadSurvey(db, principal, id);
  return deriveBatchCodes(db, row, municipalities, batch, (ags) => requireAccess(db, principal, 'surveys.manage', ags));
}

/**
 * The codes of one batch for a letters job: its access was checked when it was started
 * (`batchCodes`), so the worker that runs it later derives them without a principal.
 */
export async function batchCodesOfJob(db: DbOrTrx, id: number, batch: number) {
  const row = await repo.findSurvey(db, id);
  if (!row) throw surveyNotFound();
  const municipalities = (await repo.listSurveyMunicipalities(db, [id])).get(id) ?? [];
  return deriveBatchCodes(db, row, municipalities, batch, async () => {});
}

async function deriveBatchCodes(
  db: DbOrTrx,
  row: SurveyRow,
  municipalities: Array<{ ags: string; name: string }>,
  batch: number,
  checkAccess: (ags: string) => Promise<void>,
) {
  const id = row.id;
  const codes = await repo.listBatchCodes(db, id, batch);
  if (!codes.length) throw notFound({ de: `Den Stapel ${batch} gibt es nicht.`, en: `Batch ${batch} does not exist.` });
  const ags = codes[0]!.ags;
  await checkAccess(ags);
  const municipality = municipalities.find((m) => m.ags === ags)?.name ?? ags;
  // The codes are derived again from the survey key; only their hashes are stored.
  const open = new Set(codes.map((c) => c.code_hash));
  const derived = deriveBatch(await repo.surveyKey(db), id, batch, codes.length, (h) => open.delete(h));
  if (derived.length < codes.length)
    throw ruleViolation(
      {
        de: `Die Codes des Stapels ${batch} wurden vor der Umstellung auf abgeleitete Codes erzeugt und können nicht erneut gedruckt werden. Bitte erzeugen Sie einen neuen Stapel.`,
        en: `The codes of batch ${batch} were created before codes were derived and cannot be printed again. Please create a new batch.`,
      },
      'batch',
    );
  return { survey: row, municipality, ags, codes: derived.map((d) => d.code) };
}
