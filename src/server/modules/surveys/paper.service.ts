import {
  allQuestions,
  type AnswerIssue,
  compileCodebook,
  dropHidden,
  type QuestionnaireDefinition,
  type SurveyAnswers,
  validateAnswers,
} from '../../../shared/survey-questionnaire.ts';
import { normalizeSurveyCode, type PaperReturnInput, SURVEY_LIMITS_STAFF } from '../../../shared/surveys.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, type FieldError, fieldError, ruleViolation } from '../../http/problem.ts';
import { CsvSyntaxError, readCsvFile } from '../../lib/csv-read.ts';
import { recordAudit } from '../audit/index.ts';
import { storeResponses } from './public.service.ts';
import { canWithin, forbiddenScope, type MunicipalScope } from '../../auth/access.ts';
import { codeHash } from './codes.ts';
import * as repo from './surveys.repository.ts';
import { loadDefinition, loadSurvey } from './surveys.service.ts';
import { todayBerlin } from '../../../shared/time.ts';

/*
 * Paper returns, entered by staff once or twice (double entry: the second entry is compared with
 * the first, and the response is stored only when both agree), and CSV imports of returns
 * (preview, then commit all or nothing). Answers to questions the respondent should have skipped
 * are dropped, as in the online questionnaire; paper answers need not be complete.
 * The audit trail names the survey and counts, never answers, sheets or response ids.
 */

async function fieldworkSurvey(db: DbOrTrx, principal: Principal, id: number) {
  const s = await loadSurvey(db, principal, id);
  if (s.row.status !== 'fieldwork') {
    throw ruleViolation(
      {
        de:
          s.row.status === 'draft'
            ? 'Rückläufe werden erst in der Feldphase erfasst.'
            : 'Die Befragung ist abgeschlossen; es werden keine Rückläufe mehr erfasst.',
        en:
          s.row.status === 'draft'
            ? 'Returns are entered once fieldwork has started.'
            : 'The survey is closed; no more returns are entered.',
      },
      'status',
    );
  }
  return s;
}

function resolveAgs(
  principal: Principal,
  scope: MunicipalScope,
  municipalities: Array<{ ags: string }>,
  ags: string | null | undefined,
  field = 'ags',
): string | null {
  const list = municipalities.map((m) => m.ags);
  if (ags === null || ags === undefined) {
    if (list.length === 1) {
      if (!canWithin(scope, principal, 'surveys.manage', list[0]!)) throw forbiddenScope();
      return list[0]!;
    }
    if (!canWithin(scope, principal, 'surveys.manage', { every: list })) throw forbiddenScope();
    return null;
  }
  if (!list.includes(ags))
    throw fieldError(
      field,
      { de: 'Diese Gemeinde gehört nicht zur Befragung.', en: 'This municipality is not part of the survey.' },
      'not_in_survey',
    );
  if (!canWithin(scope, principal, 'surveys.manage', ags)) throw forbiddenScope();
  return ags;
}

function answerErrors(issues: AnswerIssue[], prefix = 'answers'): FieldError[] {
  return issues.map((i) => ({ field: `${prefix}.${i.path}`, code: i.code, message: i.message }));
}

/** Answers as entered on paper: hidden ones dropped, then checked for type, option, range and length. */
function cleanPaper(def: QuestionnaireDefinition, answers: SurveyAnswers): { answers: SurveyAnswers; issues: AnswerIssue[] } {
  const known = new Set(allQuestions(def).map((q) => q.id));
  const unknown = Object.keys(answers)
    .filter((k) => !known.has(k))
    .map((k): AnswerIssue => ({
      path: k,
      code: 'unknown_question',
      message: { de: 'Diese Frage gibt es im Fragebogen nicht.', en: 'This question is not part of the questionnaire.' },
    }));
  const shown = dropHidden(def, answers);
  return { answers: shown, issues: [...unknown, ...validateAnswers(def, shown, { complete: false })] };
}

/** A canonical form of an answer for comparing two entries (order of multiple choices ignored). */
function canonical(v: SurveyAnswers[string] | undefined): string {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '';
  if (Array.isArray(v)) return JSON.stringify([...v].sort());
  if (typeof v === 'object') return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))));
  if (typeof v === 'string') return JSON.stringify(v.trim());
  return JSON.stringify(v);
}

export async function enterPaperReturn(trx: DbOrTrx, actor: Actor, principal: Principal, id: number, input: PaperReturnInput) {
  const { row, municipalities, scope } = await fieldworkSurvey(trx, principal, id);
  const ags = resolveAgs(principal, scope, municipalities, input.ags);
  const version = row.questionnaire_version;
  const definition = await loadDefinition(trx, id, version);
  const { answers, issues } = cleanPaper(definition, input.answers);
  if (issues.length) {
    throw new AppError(
      'validation',
      { de: 'Einige Antworten passen nicht zur Frage.', en: 'Some answers do not fit their question.' },
      answerErrors(issues),
    );
  }
  const on = todayBerlin();
  const done = async (
    status: 'stored' | 'pending' | 'differs',
    differences: Array<{ questionId: string; first: unknown; second: unknown }> = [],
  ) => {
    await recordAudit(trx, actor, {
      action: 'survey.paper_return',
      entityType: 'survey',
      entityId: id,
      after: { entry: input.entry, status, differences: differences.length },
    });
    return { status, differences, responses: await repo.countResponses(trx, id) };
  };
  if (input.entry === 'single') {
    await storeResponses(trx, id, [{ ags, version, definition, answers, channel: 'paper', on }]);
    return done('stored');
  }
  const sheet = input.sheet;
  if (!sheet) {
    throw fieldError(
      'sheet',
      { de: 'Für die Doppelerfassung braucht jeder Bogen eine laufende Nummer.', en: 'Double entry needs a running number for each form.' },
      'required',
    );
  }
  if (await repo.isCodeOfSurvey(trx, id, codeHash(await repo.surveyKey(trx), normalizeSurveyCode(sheet)))) {
    throw fieldError(
      'sheet',
      {
        de: 'Die Bogennummer darf kein Zugangscode sein – die Antworten blieben sonst mit dem Code verknüpft.',
        en: 'The sheet number must not be an access code – the answers would stay linked to it.',
      },
      'is_code',
    );
  }
  if (input.entry === 'first') {
    await repo.savePaperEntry(trx, {
      survey_id: id,
      sheet,
      ags,
      questionnaire_version: version,
      answers_json: JSON.stringify(answers),
      entered_by: actor.userId,
      entered_on: on,
    });
    return done('pending');
  }
  const first = await repo.findPaperEntry(trx, id, sheet);
  if (!first) {
    throw ruleViolation(
      { de: `Zum Bogen „${sheet}“ gibt es keine Ersterfassung.`, en: `There is no first entry for sheet "${sheet}".` },
      'sheet',
    );
  }
  if (first.questionnaire_version !== version) {
    throw ruleViolation(
      {
        de: 'Der Fragebogen hat sich seit der Ersterfassung geändert; bitte erfassen Sie den Bogen erneut zuerst.',
        en: 'The questionnaire changed since the first entry; please enter the sheet first again.',
      },
      'sheet',
    );
  }
  const firstAnswers = JSON.parse(first.answers_json) as SurveyAnswers;
  const differences: Array<{ questionId: string; first: unknown; second: unknown }> = [];
  if ((first.ags ?? null) !== ags) differences.push({ questionId: 'ags', first: first.ags, second: ags });
  for (const q of allQuestions(definition)) {
    if (canonical(firstAnswers[q.id]) !== canonical(answers[q.id]))
      differences.push({ questionId: q.id, first: firstAnswers[q.id] ?? null, second: answers[q.id] ?? null });
  }
  if (differences.length) return done('differs', differences);
  await storeResponses(trx, id, [{ ags, version, definition, answers, channel: 'paper', on }]);
  await repo.deletePaperEntry(trx, id, sheet);
  return done('stored');
}

// ---- CSV import of returns ----

interface ImportIssue {
  line: number;
  field: string;
  message: string;
}

/** Reads one cell into an answer of its codebook variable; throws a message when it does not fit. */
function cellParsers(def: QuestionnaireDefinition) {
  const vars = compileCodebook(def);
  const byName = new Map(vars.map((v) => [v.name, v]));
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  return { vars, byName, questions };
}

export interface ImportResult {
  mode: 'preview' | 'commit';
  rows: number;
  valid: number;
  stored: number;
  columns: string[];
  unknownColumns: string[];
  errors: ImportIssue[];
  errorsTruncated: boolean;
}

/**
 * Imports returns from CSV: a header of codebook variable names (`sicher_nachts`, multiple
 * choice `frage_option`, matrix `frage_zeile`), optionally `ags`; one return per line. Cells hold
 * the option code or the codebook value (1 = first option; multiple choice 1 = not chosen,
 * 2 = chosen, also ja/nein/yes/no/x), numbers as such, free text as such; empty = no answer.
 */
export async function importResponses(
  trx: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  mode: 'preview' | 'commit',
  data: Buffer,
  lang: 'de' | 'en',
): Promise<ImportResult> {
  const { row, municipalities, scope } = await fieldworkSurvey(trx, principal, id);
  const version = row.questionnaire_version;
  const definition = await loadDefinition(trx, id, version);
  const { byName, questions } = cellParsers(definition);
  let records;
  try {
    ({ records } = readCsvFile(data));
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw new AppError(
        'validation',
        {
          de: `Zeile ${err.line}: Die CSV-Datei ist fehlerhaft (${err.message}).`,
          en: `Line ${err.line}: the CSV file is malformed (${err.message}).`,
        },
        [{ field: `lines.${err.line}`, code: 'csv_syntax', message: { de: 'Ungültiges CSV.', en: 'Invalid CSV.' } }],
      );
    }
    throw err;
  }
  const header = records.shift();
  if (!header) throw fieldError('file', { de: 'Die Datei ist leer.', en: 'The file is empty.' }, 'empty');
  if (records.length > SURVEY_LIMITS_STAFF.importLinesMax) {
    throw fieldError(
      'file',
      {
        de: `Höchstens ${SURVEY_LIMITS_STAFF.importLinesMax} Zeilen je Import.`,
        en: `At most ${SURVEY_LIMITS_STAFF.importLinesMax} lines per import.`,
      },
      'too_many_lines',
    );
  }
  const columns = header.cells.map((c) => c.trim());
  const errors: ImportIssue[] = [];
  let errorCount = 0;
  const push = (line: number, field: string, message: { de: string; en: string }) => {
    errorCount += 1;
    if (errors.length < SURVEY_LIMITS_STAFF.importErrorsMax)
      errors.push({
        line,
        field,
        message: `Zeile ${line}, ${field}: ${message[lang]}`.replace(/^Zeile (\d+)/, lang === 'en' ? 'Line $1' : 'Zeile $1'),
      });
  };
  const unknownColumns = columns.filter((c) => c !== 'ags' && !byName.has(c));
  for (const c of unknownColumns)
    push(header.line, c, {
      de: 'Unbekannte Spalte (kein Variablenname des Codebuchs).',
      en: 'Unknown column (not a variable name of the codebook).',
    });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) push(header.line, c, { de: 'Die Spalte kommt doppelt vor.', en: 'The column occurs twice.' });
    seen.add(c);
  }

  const items: Array<{ ags: string | null; answers: SurveyAnswers }> = [];
  for (const rec of records) {
    if (rec.cells.length !== columns.length) {
      push(rec.line, 'Zeile', {
        de: `${rec.cells.length} statt ${columns.length} Spalten.`,
        en: `${rec.cells.length} instead of ${columns.length} columns.`,
      });
      continue;
    }
    const answers: SurveyAnswers = {};
    let ags: string | null = null;
    let ok = true;
    const bad = (col: string, m: { de: string; en: string }) => {
      ok = false;
      push(rec.line, col, m);
    };
    columns.forEach((col, i) => {
      const cell = rec.cells[i]!.trim();
      if (cell === '') return;
      if (col === 'ags') {
        ags = cell;
        return;
      }
      const v = byName.get(col);
      if (!v) return;
      const q = questions.get(v.questionId)!;
      switch (v.kind) {
        case 'single':
        case 'matrix_row': {
          const n = /^\d+$/.test(cell) ? Number(cell) : NaN;
          const found = v.values.find((x) => x.code === cell) ?? (Number.isFinite(n) ? v.values.find((x) => x.value === n) : undefined);
          if (!found)
            return bad(col, {
              de: `„${cell}“ ist keine Antwort dieser Frage (erlaubt: ${v.values.map((x) => `${x.value}=${x.code}`).join(', ')}).`,
              en: `"${cell}" is not an answer of this question (allowed: ${v.values.map((x) => `${x.value}=${x.code}`).join(', ')}).`,
            });
          if (v.kind === 'single') answers[q.id] = found.code;
          else {
            const row = v.name.slice(q.id.length + 1);
            const m = (answers[q.id] as Record<string, string> | undefined) ?? {};
            m[row] = found.code;
            answers[q.id] = m;
          }
          return;
        }
        case 'multi_option': {
          const lower = cell.toLowerCase();
          const chosen = ['2', 'ja', 'yes', 'x', '1 ja'].includes(lower) ? true : ['1', 'nein', 'no', '0'].includes(lower) ? false : null;
          if (chosen === null)
            return bad(col, {
              de: `„${cell}“: erwartet 2/ja/x (genannt) oder 1/nein (nicht genannt).`,
              en: `"${cell}": expected 2/yes/x (chosen) or 1/no (not chosen).`,
            });
          const option = v.name.slice(q.id.length + 1);
          const list = (answers[q.id] as string[] | undefined) ?? [];
          if (chosen) list.push(option);
          answers[q.id] = list;
          return;
        }
        case 'number': {
          if (!/^-?\d+$/.test(cell)) return bad(col, { de: `„${cell}“ ist keine ganze Zahl.`, en: `"${cell}" is not a whole number.` });
          answers[q.id] = Number(cell);
          return;
        }
        case 'text':
          answers[q.id] = cell;
          return;
      }
    });
    if (ags !== null) {
      if (!municipalities.some((m) => m.ags === ags))
        bad('ags', { de: `Die Gemeinde ${ags} gehört nicht zur Befragung.`, en: `Municipality ${ags} is not part of the survey.` });
      else if (!canWithin(scope, principal, 'surveys.manage', ags))
        bad('ags', {
          de: `Die Gemeinde ${ags} liegt außerhalb Ihres Zuständigkeitsbereichs.`,
          en: `Municipality ${ags} is outside your scope.`,
        });
    }
    // Every option "not chosen" leaves [] – the codebook stores that as no answer, as online.
    const { answers: cleaned, issues } = cleanPaper(definition, answers);
    for (const i of issues) bad(i.path, i.message);
    if (ok) items.push({ ags: ags ?? (municipalities.length === 1 ? municipalities[0]!.ags : null), answers: cleaned });
  }
  if (items.some((it) => it.ags === null) && !canWithin(scope, principal, 'surveys.manage', { every: municipalities.map((m) => m.ags) })) {
    push(header.line, 'ags', {
      de: 'Ohne Spalte ags nur für Befragungen ganz in Ihrem Zuständigkeitsbereich.',
      en: 'Without an ags column only for surveys entirely within your scope.',
    });
  }
  const result: ImportResult = {
    mode,
    rows: records.length,
    valid: items.length,
    stored: 0,
    columns,
    unknownColumns,
    errors,
    errorsTruncated: errorCount > errors.length,
  };
  if (mode === 'preview') return result;
  if (errorCount > 0) {
    throw new AppError(
      'validation',
      {
        de: `Die Datei enthält ${errorCount} Fehler; es wurde nichts gespeichert. Korrigieren Sie die genannten Zeilen und Felder.`,
        en: `The file contains ${errorCount} errors; nothing was stored. Correct the lines and fields named.`,
      },
      errors.map((e) => ({ field: `lines.${e.line}.${e.field}`, code: 'import', message: { de: e.message, en: e.message } })),
    );
  }
  if (items.length === 0)
    throw fieldError('file', { de: 'Die Datei enthält keine Rückläufe.', en: 'The file contains no returns.' }, 'empty');
  const on = todayBerlin();
  await storeResponses(
    trx,
    id,
    items.map((it) => ({ ags: it.ags, version, definition, answers: it.answers, channel: 'import' as const, on })),
  );
  await recordAudit(trx, actor, {
    action: 'survey.import',
    entityType: 'survey',
    entityId: id,
    after: { stored: items.length, questionnaireVersion: version },
  });
  return { ...result, stored: items.length };
}
