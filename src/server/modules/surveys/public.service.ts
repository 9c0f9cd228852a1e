import crypto from 'node:crypto';
import {
  type AnswerIssue,
  dropHidden,
  encodeAnswers,
  type QuestionnaireDefinition,
  type SurveyAnswers,
  allQuestions,
  validateAnswers,
  vectorToBytes,
} from '../../../shared/survey-questionnaire.ts';
import { codeHash } from './codes.ts';
import { isWellFormedSurveyCode, normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isPostgres } from '../../db/migration-helpers.ts';
import { AppError, type FieldError } from '../../http/problem.ts';
import { loadDefinition } from './surveys.service.ts';
import * as repo from './surveys.repository.ts';
import type { PublicThrottle } from './throttle.ts';
import type { SurveyChannel } from './surveys.tables.ts';
import { formatDate, todayBerlin } from '../../../shared/time.ts';

/*
 * The public questionnaire: open with a code, save a draft, submit. No session and no cookie;
 * the code travels in the body only (never in a path or query, so it never reaches a request
 * log), and the database sees only its keyed hash. Irreversibility (decision 010): on submission
 * the code is only marked used, the response is stored under a fresh random UUID with the day of
 * receipt, and the draft is deleted, all in one transaction; on PostgreSQL that transaction also
 * rewrites every used code and response of the survey and municipality (one xmin for all), on
 * SQLite the write-ahead log is truncated after it. Nothing here is written to the audit trail or any log.
 */

type Text = { de: string; en: string };

const codeError = (kind: 'not-found' | 'rule-violation', code: string, message: Text) =>
  new AppError(kind, message, [{ field: 'code', code, message }]);

const unknownCode = () =>
  codeError('not-found', 'unknown_code', {
    de: 'Diesen Zugangscode kennen wir nicht. Bitte prüfen Sie die Schreibweise (ohne die Ziffern 0 und 1, ohne die Buchstaben O und I).',
    en: 'We do not know this access code. Please check the spelling (it contains no digits 0 or 1 and no letters O or I).',
  });
const usedCode = () =>
  codeError('rule-violation', 'code_used', {
    de: 'Mit diesem Zugangscode wurde der Fragebogen bereits abgeschickt. Vielen Dank für Ihre Teilnahme! Ein zweites Mal ist nicht möglich.',
    en: 'The questionnaire has already been submitted with this access code. Thank you for taking part! It cannot be answered a second time.',
  });
const notYetOpen = (start: string | null) =>
  codeError(
    'rule-violation',
    'not_yet_open',
    start
      ? {
          de: `Die Befragung beginnt am ${formatDate(start, 'de', 'long')}. Bitte kommen Sie dann wieder.`,
          en: `The survey opens on ${formatDate(start, 'en', 'long')}. Please come back then.`,
        }
      : { de: 'Die Befragung hat noch nicht begonnen.', en: 'The survey has not started yet.' },
  );
const ended = (end: string) =>
  codeError('rule-violation', 'field_period_over', {
    de: `Die Befragung ist beendet (Teilnahme war bis zum ${formatDate(end, 'de', 'long')} möglich). Antworten können nicht mehr angenommen werden.`,
    en: `The survey has ended (answers were possible until ${formatDate(end, 'en', 'long')}). Answers can no longer be accepted.`,
  });

export interface PublicContext {
  db: DbOrTrx;
  throttle: PublicThrottle;
  /** The client address, used in memory only for the failed-attempt limit. */
  ip: string;
  today?: string;
}

/** Looks up a code for the public routes: throttled, refused when unknown, used or outside the field period. */
async function resolveCode(ctx: PublicContext, rawCode: string) {
  ctx.throttle.checkAddress(ctx.ip);
  const code = normalizeSurveyCode(rawCode);
  const hash = isWellFormedSurveyCode(code) ? codeHash(await repo.surveyKey(ctx.db), code) : undefined;
  const row = hash ? await repo.findCodeWithSurvey(ctx.db, hash) : undefined;
  if (!row) {
    ctx.throttle.fail(ctx.ip);
    throw unknownCode();
  }
  ctx.throttle.useCode(code);
  if (row.state === 'used') throw usedCode();
  const on = ctx.today ?? todayBerlin();
  if (row.status === 'draft') throw notYetOpen(null);
  if (row.status === 'closed' || on > row.field_end) throw ended(row.field_end);
  if (on < row.field_start) throw notYetOpen(row.field_start);
  return { hash: hash!, row, on };
}

const idCache = new WeakMap<QuestionnaireDefinition, Set<string>>();
function knownIds(def: QuestionnaireDefinition): Set<string> {
  let ids = idCache.get(def);
  if (!ids) idCache.set(def, (ids = new Set(allQuestions(def).map((q) => q.id))));
  return ids;
}

/** Answers to questions no longer in the questionnaire are dropped, with hidden ones. */
function usable(def: QuestionnaireDefinition, answers: SurveyAnswers): SurveyAnswers {
  return dropHidden(def, answers);
}

function answerErrors(issues: AnswerIssue[]): FieldError[] {
  return issues.map((i) => ({ field: `answers.${i.path}`, code: i.code, message: i.message }));
}

/**
 * Splits answers into the valid part and the issues: unknown questions and answers that violate
 * their question's type, options, range or length. Hidden answers are dropped silently (the
 * respondent changed an earlier answer), as the shared `dropHidden` does.
 */
function checkPartial(def: QuestionnaireDefinition, answers: SurveyAnswers): { valid: SurveyAnswers; issues: AnswerIssue[] } {
  const known = knownIds(def);
  const unknown = validateAnswers(def, Object.fromEntries(Object.entries(answers).filter(([id]) => !known.has(id))), {
    complete: false,
  }).filter((i) => i.code === 'unknown_question');
  const shown = usable(def, answers);
  const typeIssues = validateAnswers(def, shown, { complete: false });
  // A wrong answer is dropped; in a matrix only the wrong rows, so the other rows stay saved.
  const bad = new Set(typeIssues.filter((i) => !i.path.includes('.')).map((i) => i.path));
  const badRows = typeIssues.filter((i) => i.path.includes('.')).map((i) => i.path.split('.') as [string, string]);
  const valid: SurveyAnswers = {};
  for (const [id, v] of Object.entries(shown)) {
    if (bad.has(id)) continue;
    const rows = badRows.filter(([q]) => q === id).map(([, r]) => r);
    if (rows.length && v && typeof v === 'object' && !Array.isArray(v)) {
      const kept = Object.fromEntries(Object.entries(v).filter(([r]) => !rows.includes(r)));
      if (Object.keys(kept).length) valid[id] = kept;
    } else valid[id] = v;
  }
  // Dropping a bad answer can hide later questions: keep only what is still shown.
  return { valid: usable(def, valid), issues: [...unknown, ...typeIssues] };
}

export async function openQuestionnaire(ctx: PublicContext, rawCode: string) {
  const { hash, row } = await resolveCode(ctx, rawCode);
  const definition = await loadDefinition(ctx.db, row.survey_id, row.questionnaire_version);
  const draft = await repo.findDraft(ctx.db, hash);
  let answers: SurveyAnswers = {};
  if (draft) {
    try {
      answers = checkPartial(definition, JSON.parse(draft.answers_json) as SurveyAnswers).valid;
    } catch {
      answers = {};
    }
  }
  return {
    survey: { title: row.title, fieldEnd: row.field_end },
    questionnaireVersion: row.questionnaire_version,
    definition,
    answers,
    state: (draft || row.state === 'started' ? 'started' : 'unused') as 'unused' | 'started',
    savedOn: draft?.saved_on ?? null,
  };
}

async function writeDraft(
  db: DbOrTrx,
  hash: string,
  surveyId: number,
  version: number,
  answers: SurveyAnswers,
  on: string,
  codeId: number,
): Promise<void> {
  await repo.saveDraft(db, {
    code_hash: hash,
    survey_id: surveyId,
    questionnaire_version: version,
    answers_json: JSON.stringify(answers),
    saved_on: on,
  });
  // A submission of the same code may have finished meanwhile: then no draft may stay behind.
  if (!(await repo.setCodeState(db, codeId, ['unused', 'started'], 'started'))) {
    await repo.deleteDraft(db, hash);
    throw usedCode();
  }
}

/**
 * Saves a partly answered questionnaire. Invalid answers are refused with field errors by
 * question id, and every valid answer of the request is saved all the same.
 */
export async function saveDraft(ctx: PublicContext & { db: DbOrTrx }, rawCode: string, answers: SurveyAnswers) {
  const { hash, row, on } = await resolveCode(ctx, rawCode);
  const definition = await loadDefinition(ctx.db, row.survey_id, row.questionnaire_version);
  const { valid, issues } = checkPartial(definition, answers);
  await writeDraft(ctx.db, hash, row.survey_id, row.questionnaire_version, valid, on, row.code_id);
  if (issues.length) {
    throw new AppError(
      'validation',
      {
        de: 'Einige Antworten passen nicht zur Frage und wurden nicht gespeichert; alle übrigen Antworten sind gespeichert.',
        en: 'Some answers do not fit their question and were not saved; all other answers are saved.',
      },
      answerErrors(issues),
    );
  }
  return { savedOn: on };
}

/** Encodes answers for storage: the codebook vector as bytes, the free texts apart. */
export function encodeResponse(definition: QuestionnaireDefinition, answers: SurveyAnswers) {
  const texts: Array<{ question_id: string; text: string }> = [];
  for (const q of allQuestions(definition)) {
    const v = answers[q.id];
    if (q.type === 'text' && typeof v === 'string' && v.trim() !== '') texts.push({ question_id: q.id, text: v.trim() });
  }
  return { bytes: Buffer.from(vectorToBytes(encodeAnswers(definition, answers))), texts };
}

/** Stores anonymous responses (random UUIDs, the day only) with their free texts. */
export async function storeResponses(
  db: DbOrTrx,
  surveyId: number,
  items: Array<{
    ags: string | null;
    version: number;
    definition: QuestionnaireDefinition;
    answers: SurveyAnswers;
    channel: SurveyChannel;
    on: string;
  }>,
): Promise<void> {
  const rows = [];
  const texts = [];
  for (const it of items) {
    const id = crypto.randomUUID();
    const enc = encodeResponse(it.definition, it.answers);
    rows.push({
      id,
      survey_id: surveyId,
      ags: it.ags,
      questionnaire_version: it.version,
      channel: it.channel,
      received_on: it.on,
      answers: enc.bytes,
    });
    for (const t of enc.texts) texts.push({ response_id: id, ...t });
  }
  await repo.insertResponses(db, rows, texts);
}

/**
 * Submits a questionnaire. Incomplete or invalid answers are refused with field errors by question
 * id, and the answers are kept as a draft (the valid ones), so nothing answered is lost.
 */
export async function submitQuestionnaire(
  ctx: PublicContext & { transaction: <T>(fn: (trx: DbOrTrx) => Promise<T>) => Promise<T> },
  rawCode: string,
  answers: SurveyAnswers,
) {
  const { hash, row, on } = await resolveCode(ctx, rawCode);
  const definition = await loadDefinition(ctx.db, row.survey_id, row.questionnaire_version);
  // The usual case first: every answer known and valid, nothing required missing.
  let valid = dropHidden(definition, answers);
  let issues: AnswerIssue[] = [];
  let missing: AnswerIssue[] = [];
  if (Object.keys(answers).some((id) => !knownIds(definition).has(id)) || validateAnswers(definition, valid, { complete: true }).length) {
    ({ valid, issues } = checkPartial(definition, answers));
    missing = issues.length ? [] : validateAnswers(definition, valid, { complete: true });
  }
  if (issues.length || missing.length) {
    await writeDraft(ctx.db, hash, row.survey_id, row.questionnaire_version, valid, on, row.code_id);
    throw new AppError(
      'validation',
      issues.length
        ? {
            de: 'Einige Antworten passen nicht zur Frage. Ihre übrigen Antworten sind gespeichert.',
            en: 'Some answers do not fit their question. Your other answers are saved.',
          }
        : {
            de: 'Bitte beantworten Sie noch die markierten Pflichtfragen. Ihre Antworten sind gespeichert.',
            en: 'Please answer the marked required questions. Your answers are saved.',
          },
      answerErrors([...issues, ...missing]),
    );
  }
  if (isPostgres(ctx.db as never)) {
    const enc = encodeResponse(definition, valid);
    const response = {
      id: crypto.randomUUID(),
      survey_id: row.survey_id,
      ags: row.ags,
      questionnaire_version: row.questionnaire_version,
      channel: 'online' as const,
      received_on: on,
      answers: enc.bytes,
    };
    await ctx.transaction(async (trx) => {
      await repo.lockSubmissions(trx, row.survey_id, row.ags);
      if (!(await repo.submitInOneStatement(trx, row.code_id, hash, response, enc.texts))) throw usedCode();
      await repo.blendSubmissions(trx, row.survey_id, row.ags);
    });
  } else {
    await ctx.transaction(async (trx) => {
      // Only one submission per code: the state changes from unused/started to used exactly once.
      if (!(await repo.setCodeState(trx, row.code_id, ['unused', 'started'], 'used'))) throw usedCode();
      await storeResponses(trx, row.survey_id, [
        { ags: row.ags, version: row.questionnaire_version, definition, answers: valid, channel: 'online', on },
      ]);
      await repo.deleteDraft(trx, hash);
    });
    await settleJournal(ctx.db);
  }
  return {
    receivedOn: on,
    message: {
      de: 'Vielen Dank! Ihre Antworten sind anonym eingegangen. Ihr Zugangscode ist damit verbraucht.',
      en: 'Thank you! Your answers have been received anonymously. Your access code is now used up.',
    },
  };
}

/**
 * SQLite: truncates the write-ahead log, so it no longer holds a submission beside its code or a
 * deleted draft (decision 010). Run after each online submission, after closing a survey and when
 * the server starts (a log left by a crash). A reader of another process (a backup) can hold it
 * back; the next call completes it. A no-op on PostgreSQL.
 */
export async function settleJournal(db: DbOrTrx): Promise<void> {
  await repo.truncateJournal(db);
}
