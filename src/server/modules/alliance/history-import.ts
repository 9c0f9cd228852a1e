/*
 * Bulk import of an alliance history from CSV (docs/alliance-history-import.md), all or nothing:
 * every line is checked (fields, known AGS, agreement groups, and the resulting history of each
 * municipality together with what is stored already) before anything is written. Errors name the
 * line and the column. The demo feeds its generated rows through the same path.
 */
import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import {
  ALLIANCE_LIMITS,
  EARLIEST_EVENT_DATE,
  EVENT_TYPES,
  type EventType,
  HISTORY_COLUMNS,
  HISTORY_REQUIRED_COLUMNS,
  type ImportResult,
  type SignatoryInput,
  WITHDRAWAL_KINDS,
  AGREEMENT_KINDS,
  type AgreementKind,
  type WithdrawalKind,
} from '../../../shared/alliance.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AllianceEventsTable } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../http/problem.ts';
import { type CsvRecord, CsvSyntaxError, readCsvFile } from '../../lib/csv-read.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './alliance.repository.ts';
import { getSettings } from './settings.service.ts';
import { dateOutOfRange, findContradiction, type TimelineEvent } from './alliance.rules.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

type Column = (typeof HISTORY_COLUMNS)[number];

/** One line of a history, parsed and checked on its own. */
export interface HistoryRow {
  line: number;
  ags: string;
  type: EventType;
  date: string;
  notes: string;
  topic: string | null;
  participants: string | null;
  kind: WithdrawalKind | null;
  agreementRef: string | null;
  agreementTitle: string | null;
  /** The kind given on a signing line (cooperation when none is given). */
  agreementKind: AgreementKind | null;
  directorate: string | null;
  signatories: SignatoryInput[];
}

export interface LineError {
  line: number;
  field: string;
  code: string;
  de: string;
  en: string;
}

// ---- CSV ----

const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_DE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** `2019-02-06` or `6.2.2019` → `2019-02-06`; null when not a real calendar date. */
export function parseDate(value: string): string | null {
  let y: number, m: number, d: number;
  const iso = DATE_ISO.exec(value);
  const de = DATE_DE.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (de) [y, m, d] = [Number(de[3]), Number(de[2]), Number(de[1])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const KIND_ALIASES: Record<string, WithdrawalKind> = { withdrawal: 'withdrawal', austritt: 'withdrawal', pause: 'pause' };
const AGREEMENT_KIND_ALIASES: Record<string, AgreementKind> = {
  cooperation: 'cooperation',
  kooperation: 'cooperation',
  kooperationsvereinbarung: 'cooperation',
  amendment: 'amendment',
  änderung: 'amendment',
  änderungsvereinbarung: 'amendment',
  additional: 'additional',
  zusatz: 'additional',
  zusatzvereinbarung: 'additional',
};

/** Guesses the party of a signatory from the function's wording; `other` when unsure. */
export function guessParty(fn: string): SignatoryInput['party'] {
  if (/polizei|revier/i.test(fn)) return 'police';
  if (/präventionsrat|lpr\b/i.test(fn)) return 'council';
  if (/minister|staatssekret/i.test(fn)) return 'ministry';
  if (/bürgermeister|landrat|landrätin|gemeinde|stadt/i.test(fn)) return 'municipality';
  return 'other';
}

/** `Name (Funktion) | Name (Funktion)` → signatories; null when an entry lacks the function. */
export function parseSignatories(value: string, ags: string): SignatoryInput[] | null {
  const out: SignatoryInput[] = [];
  for (const part of value
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*\(([^()]+)\)$/.exec(part);
    if (!m) return null;
    const name = m[1]!.trim();
    const fn = m[2]!.trim();
    if (!name || !fn || name.length > 200 || fn.length > 200) return null;
    const party = guessParty(fn);
    out.push({ name, function: fn, party, ags: party === 'municipality' ? ags : null });
  }
  return out;
}

/** Parses a history CSV into rows, collecting every field error with its line. */
export function parseHistoryCsv(buf: Buffer, todayDate: string): { rows: HistoryRow[]; errors: LineError[]; lines: number } {
  const errors: LineError[] = [];
  const err = (line: number, field: string, code: string, de: string, en: string) => errors.push({ line, field, code, de, en });
  let records: CsvRecord[];
  try {
    ({ records } = readCsvFile(buf));
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    err(e.line, 'line', 'csv_syntax', 'Anführungszeichen nicht geschlossen.', 'Quoted cell is not closed.');
    return { rows: [], errors, lines: 0 };
  }
  if (!records.length) {
    err(1, 'file', 'empty', 'Die Datei ist leer.', 'The file is empty.');
    return { rows: [], errors, lines: 0 };
  }
  const header = records[0]!;
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!(HISTORY_COLUMNS as readonly string[]).includes(n))
      err(
        header.line,
        n || `#${i + 1}`,
        'unknown_column',
        `Unbekannte Spalte „${n}“. Erlaubt: ${HISTORY_COLUMNS.join(', ')}.`,
        `Unknown column "${n}". Allowed: ${HISTORY_COLUMNS.join(', ')}.`,
      );
    else if (index.has(n)) err(header.line, n, 'duplicate_column', `Die Spalte „${n}“ kommt doppelt vor.`, `Column "${n}" appears twice.`);
    else index.set(n, i);
  });
  for (const c of HISTORY_REQUIRED_COLUMNS)
    if (!index.has(c)) err(header.line, c, 'missing_column', `Die Pflichtspalte „${c}“ fehlt.`, `The required column "${c}" is missing.`);
  if (errors.length) return { rows: [], errors, lines: records.length };
  if (records.length - 1 > ALLIANCE_LIMITS.importLinesMax) {
    err(
      header.line,
      'file',
      'too_big',
      `Höchstens ${ALLIANCE_LIMITS.importLinesMax} Zeilen.`,
      `At most ${ALLIANCE_LIMITS.importLinesMax} lines.`,
    );
    return { rows: [], errors, lines: records.length };
  }

  const rows: HistoryRow[] = [];
  for (const rec of records.slice(1)) {
    const line = rec.line;
    if (rec.cells.length > names.length) {
      err(
        line,
        'line',
        'too_many_fields',
        `${rec.cells.length} Felder, die Kopfzeile hat ${names.length}.`,
        `${rec.cells.length} fields, the header has ${names.length}.`,
      );
      continue;
    }
    const nul = rec.cells.findIndex((c) => c.includes('\u0000'));
    if (nul >= 0) {
      err(line, names[nul]!, 'invalid_character', 'Das Feld enthält ein NUL-Zeichen.', 'The field contains a NUL character.');
      continue;
    }
    const get = (c: Column) => (index.has(c) ? (rec.cells[index.get(c)!] ?? '').trim() : '');
    const before = errors.length;
    const ags = get('ags');
    if (!/^\d{8}$/.test(ags)) err(line, 'ags', 'invalid', `„${ags}“ ist kein AGS (8 Ziffern).`, `"${ags}" is not an AGS (8 digits).`);
    const typeText = get('event_type').toLowerCase();
    const type = (EVENT_TYPES as readonly string[]).includes(typeText) ? (typeText as EventType) : null;
    if (!type)
      err(
        line,
        'event_type',
        'unknown',
        `Unbekannter Ereignistyp „${typeText}“. Erlaubt: ${EVENT_TYPES.join(', ')}.`,
        `Unknown event type "${typeText}". Allowed: ${EVENT_TYPES.join(', ')}.`,
      );
    const dateText = get('date');
    const date = parseDate(dateText);
    if (!date)
      err(
        line,
        'date',
        'invalid',
        `„${dateText}“ ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ).`,
        `"${dateText}" is not a valid date (YYYY-MM-DD or DD.MM.YYYY).`,
      );
    else {
      const range = dateOutOfRange(date, todayDate, EARLIEST_EVENT_DATE);
      if (range) err(line, 'date', range.code, range.de, range.en);
    }
    const notes = get('notes');
    if (notes.length > ALLIANCE_LIMITS.notesMax)
      err(line, 'notes', 'too_big', `Höchstens ${ALLIANCE_LIMITS.notesMax} Zeichen.`, `At most ${ALLIANCE_LIMITS.notesMax} characters.`);
    const onlyFor = (c: Column, types: readonly EventType[], max: number): string | null => {
      const v = get(c);
      if (!v) return null;
      if (type && !types.includes(type))
        err(
          line,
          c,
          'not_applicable',
          `Die Spalte „${c}“ gilt nur für ${types.join(', ')}.`,
          `Column "${c}" applies only to ${types.join(', ')}.`,
        );
      if (v.length > max) err(line, c, 'too_big', `Höchstens ${max} Zeichen.`, `At most ${max} characters.`);
      return v;
    };
    const topic = onlyFor('topic', ['consultation'], ALLIANCE_LIMITS.topicMax);
    const participants = onlyFor('participants', ['consultation'], ALLIANCE_LIMITS.participantsMax);
    const kindText = onlyFor('withdrawal_kind', ['withdrawn'], 20);
    let kind: WithdrawalKind | null = type === 'withdrawn' ? 'withdrawal' : null;
    if (kindText) {
      const k = KIND_ALIASES[kindText.toLowerCase()];
      if (!k)
        err(line, 'withdrawal_kind', 'unknown', `Erlaubt: ${WITHDRAWAL_KINDS.join(', ')}.`, `Allowed: ${WITHDRAWAL_KINDS.join(', ')}.`);
      else kind = k;
    }
    const agreementRef = onlyFor(
      'agreement',
      ['agreement_signed', 'agreement_amended', 'agreement_terminated'],
      ALLIANCE_LIMITS.referenceMax,
    );
    if (type?.startsWith('agreement_') && !agreementRef) {
      err(
        line,
        'agreement',
        'required',
        'Für Ereignisse einer Kooperationsvereinbarung ist die Spalte „agreement“ (Kennung der Vereinbarung) Pflicht.',
        'Agreement events need the column "agreement" (the agreement\'s id).',
      );
    }
    const agreementTitle = onlyFor('agreement_title', ['agreement_signed'], ALLIANCE_LIMITS.titleMax);
    const directorate = onlyFor('directorate', ['agreement_signed'], 200);
    const signatoriesText = onlyFor('signatories', ['agreement_signed'], 5000);
    const agreementKindText = onlyFor('agreement_kind', ['agreement_signed'], 30);
    let agreementKind: AgreementKind | null = null;
    if (agreementKindText) {
      const k = AGREEMENT_KIND_ALIASES[agreementKindText.toLowerCase()];
      if (!k) err(line, 'agreement_kind', 'unknown', `Erlaubt: ${AGREEMENT_KINDS.join(', ')}.`, `Allowed: ${AGREEMENT_KINDS.join(', ')}.`);
      else agreementKind = k;
    }
    let signatories: SignatoryInput[] = [];
    if (signatoriesText) {
      const parsed = parseSignatories(signatoriesText, ags);
      if (!parsed)
        err(line, 'signatories', 'invalid', 'Format: „Name (Funktion) | Name (Funktion)“.', 'Format: "Name (function) | Name (function)".');
      else signatories = parsed;
    }
    if (errors.length > before || !type || !date) continue;
    rows.push({
      line,
      ags,
      type,
      date,
      notes,
      topic,
      participants,
      kind,
      agreementRef,
      agreementTitle,
      agreementKind,
      directorate,
      signatories,
    });
  }
  return { rows, errors, lines: records.length - 1 };
}

// ---- checking against the database, then writing ----

interface Group {
  ref: string;
  /** Negative for new agreements until inserted; the stored id for an existing one. */
  id: number;
  existing: boolean;
  firstLine: number;
  title: string;
  kind: AgreementKind;
  directorateId: number | null;
  signatories: SignatoryInput[];
}

type Ref = { line: number } | { id: number };

const directorateKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/^(polizeidirektion|pd)\s+/, '');

function rejection(errors: LineError[]): AppError {
  const shown = errors.slice(0, ALLIANCE_LIMITS.importErrorsMax);
  const more = errors.length - shown.length;
  const fields: FieldError[] = shown.map((e) => ({
    field: `lines.${e.line}.${e.field}`,
    code: e.code,
    message: { de: `Zeile ${e.line}, ${e.field}: ${e.de}`, en: `Line ${e.line}, ${e.field}: ${e.en}` },
  }));
  return new AppError(
    'validation',
    {
      de: `Import abgelehnt: ${errors.length} Fehler${more > 0 ? ` (die ersten ${shown.length} sind aufgeführt)` : ''}. Es wurde nichts gespeichert.`,
      en: `Import refused: ${errors.length} error${errors.length === 1 ? '' : 's'}${more > 0 ? ` (the first ${shown.length} are listed)` : ''}. Nothing was stored.`,
    },
    fields,
  );
}

export interface ImportOptions {
  dryRun: boolean;
  source: 'import' | 'demo';
  sha256: string;
  fileName: string;
  lines: number;
}

/** Checks parsed rows against the database and, unless it is a dry run, stores them in one go. */
export async function importHistoryRows(db: DbOrTrx, actor: Actor, rows: HistoryRow[], opts: ImportOptions): Promise<ImportResult> {
  const errors: LineError[] = [];
  const err = (line: number, field: string, code: string, de: string, en: string) => errors.push({ line, field, code, de, en });

  const known = await repo.findExistingAgs(db, [...new Set(rows.map((r) => r.ags))]);
  for (const r of rows)
    if (!known.has(r.ags))
      err(
        r.line,
        'ags',
        'unknown',
        `Unbekannter AGS ${r.ags}: diese Kommune steht nicht im Gemeindeverzeichnis.`,
        `Unknown AGS ${r.ags}: no such municipality in the directory.`,
      );

  // Agreement groups: lines with the same `agreement` id form one (joint) agreement.
  const refs = [...new Set(rows.map((r) => r.agreementRef).filter((r): r is string => r !== null))];
  const stored = new Map((await repo.findAgreementsByReferences(db, refs)).map((a) => [a.reference!, a]));
  // "Polizeidirektion Chemnitz", "PD Chemnitz" and "Chemnitz" name the same directorate.
  const directorates = new Map((await repo.listDirectorates(db)).map((d) => [directorateKey(d.name), d.id]));
  const groups = new Map<string, Group>();
  let nextTemp = -1;
  for (const r of rows) {
    if (!r.agreementRef) continue;
    let g = groups.get(r.agreementRef);
    const s = stored.get(r.agreementRef);
    if (!g) {
      if (s && s.status !== 'active') {
        err(
          r.line,
          'agreement',
          'agreement_cancelled',
          `Die Vereinbarung „${r.agreementRef}“ ist storniert.`,
          `Agreement "${r.agreementRef}" is cancelled.`,
        );
        continue;
      }
      if (!s && r.type !== 'agreement_signed' && !rows.some((x) => x.agreementRef === r.agreementRef && x.type === 'agreement_signed')) {
        err(
          r.line,
          'agreement',
          'unknown',
          `Die Vereinbarung „${r.agreementRef}“ wird weder in dieser Datei unterzeichnet noch ist sie gespeichert.`,
          `Agreement "${r.agreementRef}" is neither signed in this file nor stored.`,
        );
        continue;
      }
      g = {
        ref: r.agreementRef,
        id: s ? s.id : nextTemp--,
        existing: !!s,
        firstLine: r.line,
        title: '',
        kind: s ? (s.kind as AgreementKind) : 'cooperation',
        directorateId: null,
        signatories: [],
      };
      groups.set(r.agreementRef, g);
    }
    if (r.type !== 'agreement_signed' || g.existing) continue;
    if (r.agreementTitle && !g.title) g.title = r.agreementTitle;
    if (r.agreementKind && r.agreementKind !== 'cooperation') {
      if (g.kind !== 'cooperation' && g.kind !== r.agreementKind)
        err(
          r.line,
          'agreement_kind',
          'conflict',
          `Die Vereinbarung „${g.ref}“ nennt verschiedene Arten.`,
          `Agreement "${g.ref}" names different kinds.`,
        );
      else g.kind = r.agreementKind;
    }
    if (r.directorate) {
      const id = directorates.get(directorateKey(r.directorate));
      if (id === undefined)
        err(
          r.line,
          'directorate',
          'unknown',
          `Unbekannte Polizeidirektion „${r.directorate}“.`,
          `Unknown police directorate "${r.directorate}".`,
        );
      else if (g.directorateId !== null && g.directorateId !== id)
        err(
          r.line,
          'directorate',
          'conflict',
          `Die Vereinbarung „${g.ref}“ nennt verschiedene Polizeidirektionen.`,
          `Agreement "${g.ref}" names different police directorates.`,
        );
      else g.directorateId = id;
    }
    for (const s2 of r.signatories)
      if (!g.signatories.some((x) => x.name === s2.name && x.function === s2.function)) g.signatories.push(s2);
  }

  // The resulting history of every municipality: what is stored plus the new lines.
  const byAgs = new Map<string, HistoryRow[]>();
  for (const r of rows) {
    if (!known.has(r.ags) || (r.agreementRef && !groups.has(r.agreementRef))) continue;
    let list = byAgs.get(r.ags);
    if (!list) byAgs.set(r.ags, (list = []));
    list.push(r);
  }
  // Serialise with other writers of these municipalities before reading their histories.
  await repo.lockMunicipalities(db, [...byAgs.keys()]);
  const existing = await repo.listTimelines(db, [...byAgs.keys()]);
  const FIELD = { date: 'date', type: 'event_type', agreementId: 'agreement' } as const;
  for (const [ags, list] of byAgs) {
    const timeline: TimelineEvent<Ref>[] = [
      ...existing
        .filter((e) => e.ags === ags)
        .map((e) => ({ ref: { id: e.id }, type: e.type, date: e.date, agreementId: e.agreementId, agreementKind: e.agreementKind })),
      ...list.map((r) => ({
        ref: { line: r.line },
        type: r.type,
        date: r.date,
        agreementId: r.agreementRef ? groups.get(r.agreementRef)!.id : null,
        agreementKind: r.agreementRef ? groups.get(r.agreementRef)!.kind : undefined,
      })),
    ];
    const c = findContradiction(timeline);
    if (!c) continue;
    const lineRef = c.refs.find((x): x is { line: number } => 'line' in x);
    const storedRef = c.refs.find((x): x is { id: number } => 'id' in x);
    if (lineRef && lineRef === c.refs[0]) err(lineRef.line, FIELD[c.field], c.code, c.de, c.en);
    else {
      const line = lineRef?.line ?? list[0]!.line;
      const note = storedRef
        ? { de: ` (Widerspruch zum gespeicherten Ereignis Nr. ${storedRef.id})`, en: ` (contradicts stored event no. ${storedRef.id})` }
        : { de: '', en: '' };
      err(line, FIELD[c.field], c.code, `${c.de}${note.de}`, `${c.en}${note.en}`);
    }
  }
  if (errors.length) throw rejection(errors.sort((a, b) => a.line - b.line));

  const newGroups = [...groups.values()].filter((g) => !g.existing);
  const result: ImportResult = {
    dryRun: opts.dryRun,
    lines: opts.lines,
    events: rows.length,
    agreements: newGroups.length,
    municipalities: byAgs.size,
    sha256: opts.sha256,
  };
  if (opts.dryRun) return result;

  const now = nowIso();
  const councilName = (await getSettings(db)).councilName;
  const realIds = new Map<number, number>();
  for (const g of newGroups) {
    const first = rows.find((r) => r.line === g.firstLine)!;
    const id = await repo
      .insertAgreement(db, {
        reference: g.ref,
        title: g.title,
        directorate_id: g.directorateId ?? (await repo.findPlace(db, first.ags))?.directorate_id ?? null,
        council_party: councilName,
        notes: '',
        kind: g.kind,
        status: 'active',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .catch((err: unknown) => {
        // Someone stored the same agreement id meanwhile.
        if (repo.isUniqueViolation(err))
          throw rejection([
            {
              line: g.firstLine,
              field: 'agreement',
              code: 'duplicate',
              de: `Die Kennung „${g.ref}“ wurde inzwischen vergeben.`,
              en: `The id "${g.ref}" was taken meanwhile.`,
            },
          ]);
        throw err;
      });
    realIds.set(g.id, id);
    await repo.replaceSignatories(db, id, g.signatories);
  }
  const eventRows: Insertable<AllianceEventsTable>[] = rows.map((r) => {
    const g = r.agreementRef ? groups.get(r.agreementRef)! : null;
    return {
      ags: r.ags,
      type: r.type,
      date: r.date,
      agreement_id: g ? (g.existing ? g.id : realIds.get(g.id)!) : null,
      topic: r.topic,
      participants: r.participants,
      withdrawal_kind: r.kind,
      notes: r.notes,
      status: 'active',
      source: opts.source,
      created_by: actor.userId,
      created_by_label: actor.label,
      created_at: now,
    };
  });
  await repo.insertEvents(db, eventRows);
  await recordAudit(db, actor, {
    action: 'import',
    entityType: 'alliance_history',
    entityId: opts.sha256.slice(0, 16),
    after: { ...result, fileName: opts.fileName, source: opts.source, agreementIds: [...realIds.values()] },
  });
  return result;
}

/** Imports a history CSV file: parse, check everything, then store all or nothing. */
export async function importHistory(
  db: DbOrTrx,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  opts: { dryRun: boolean },
): Promise<ImportResult> {
  const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
  const { rows, errors, lines } = parseHistoryCsv(file.content, todayBerlin());
  if (errors.length) throw rejection(errors);
  return importHistoryRows(db, actor, rows, { dryRun: opts.dryRun, source: 'import', sha256, fileName: file.fileName, lines });
}
