import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import { backupSqlite } from '../../db/backup.ts';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { silentProgress } from '../../lib/progress.ts';
import { DIALECTS, PG_URL } from '../../test/databases.ts';
import { codeHash } from './codes.ts';
import { surveyKey, truncateJournal } from './surveys.repository.ts';
import { COMPLETE_ANSWERS } from './test-support.ts';

/*
 * Anonymity on disk (decision 010). A real server process, logging as in production, takes 50
 * submissions, each with a draft before it that already holds the answer. Then, during fieldwork
 * and again after closing, nothing may pair a code with its answer:
 * - SQLite: the raw bytes of the database file (with its free pages), its write-ahead log, a
 *   backup taken with `praevis backup`'s logic, and the server's log. No code is stored anywhere
 *   in any form but its keyed hash; a code's hash is "within reach" of its answer when both lie in
 *   one database page (a record never spans pages but through overflow, and a deleted record
 *   stays in its page) or in one transaction of the write-ahead log (the pages one commit wrote).
 * - PostgreSQL: every query over the tables, including the hidden columns xmin (the transaction
 *   that wrote a row) and ctid (its physical place), and the server's log.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SUBMISSIONS = 50;

interface Item {
  code: string;
  printed: string;
  hash: string;
  answer: string;
}

/** The database pages of a database file (or backup). */
function pagesOf(file: Buffer): Buffer[] {
  const raw = file.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  const pages: Buffer[] = [];
  for (let at = 0; at < file.length; at += size) pages.push(file.subarray(at, at + size));
  return pages;
}

/** The transactions of a write-ahead log: the frames up to and including each commit frame. */
function transactionsOf(wal: Buffer): Buffer[] {
  if (wal.length < 32) return [];
  const size = wal.readUInt32BE(8);
  const out: Buffer[] = [];
  let start = 32;
  for (let at = 32; at + 24 + size <= wal.length; at += 24 + size) {
    if (wal.readUInt32BE(at + 4) !== 0) {
      out.push(wal.subarray(start, at + 24 + size));
      start = at + 24 + size;
    }
  }
  if (start < wal.length) out.push(wal.subarray(start));
  return out;
}

const has = (unit: Buffer, text: string) => unit.includes(Buffer.from(text, 'utf8'));

/** The items whose code (in any form) and answer lie in one unit. */
function pairedIn(units: Buffer[], items: Item[]): string[] {
  const hits: string[] = [];
  for (const unit of units)
    for (const it of items) if (has(unit, it.answer) && [it.code, it.printed, it.hash].some((n) => has(unit, n))) hits.push(it.answer);
  return [...new Set(hits)];
}

describe.each(DIALECTS)('submitted answers on disk on %s', (dialect) => {
  let dir: string;
  let url: string;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';
  // Everything the server wrote, but the line its helper printed (URL, session and codes).
  const serverLog = () =>
    `${stdout}\n${stderr}`
      .split('\n')
      .filter((l) => !l.startsWith('{"url"'))
      .join('\n');
  let handle: DatabaseHandle | undefined;
  let info: { url: string; cookie: string; csrf: string; surveyId: number; codes: string[] };
  let pgName: string | undefined;
  const items: Item[] = [];

  const call = (method: string, p: string, body: unknown, staff = false) =>
    fetch(`${info.url}${p}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': 'de',
        ...(staff ? { cookie: `praevis_session=${info.cookie}`, 'x-csrf-token': info.csrf } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-anonymity-'));
    if (dialect === 'sqlite') url = path.join(dir, 'praevis.db');
    else {
      pgName = `praevis_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${pgName}`);
      await admin.end();
      const u = new URL(PG_URL);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    const server = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'disk-server.test-support.ts')], {
      env: { ...process.env, DATABASE_URL: url, CODES: String(SUBMISSIONS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    server.stderr.on('data', (d) => {
      stderr += d;
    });
    info = await new Promise((resolve, reject) => {
      server.stdout.on('data', (d) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('{"url"'));
        if (line) resolve(JSON.parse(line));
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
    expect(info.codes).toHaveLength(SUBMISSIONS);
    handle = openDatabase(url);
    const key = await surveyKey(handle.db);
    for (const [i, printed] of info.codes.entries()) {
      const answer = `Antwort ${i} ${crypto.randomBytes(8).toString('hex')}`;
      const code = normalizeSurveyCode(printed);
      items.push({ code, printed, hash: codeHash(key, code), answer });
      expect((await call('POST', '/api/public/survey/open', { code: printed })).status).toBe(200);
      const draft = await call('PUT', '/api/public/survey/draft', {
        code: printed,
        answers: { sicher_nachts: 'sehr_sicher', anmerkungen: answer },
      });
      expect(draft.status).toBe(200);
      const submit = await call('POST', '/api/public/survey/submit', {
        code: printed,
        answers: { ...COMPLETE_ANSWERS, anmerkungen: answer },
      });
      expect(submit.status, await submit.text()).toBe(200);
    }
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await handle?.destroy();
    if (pgName) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${pgName} with (force)`);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** SQLite: the database file, its write-ahead log and a fresh backup. */
  async function sqliteFiles() {
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0));
    const backup = path.join(dir, `backup-${crypto.randomBytes(4).toString('hex')}.db`);
    await backupSqlite(handle!, backup, silentProgress);
    return { main: read(url), wal: read(`${url}-wal`), backup: read(backup) };
  }

  async function expectNoPairing() {
    // The server's log holds no code, no hash of one and no answer at all.
    const log = serverLog();
    expect(log).toContain('/api/public/survey/submit');
    for (const it of items) for (const n of [it.code, it.printed, it.hash, it.answer]) expect(log.includes(n), n).toBe(false);
    const db = handle!.db;
    const stored = await db.selectFrom('survey_response_texts').select('text').where('question_id', '=', 'anmerkungen').execute();
    expect(stored.map((s) => s.text).sort()).toEqual(items.map((it) => it.answer).sort());

    if (dialect === 'sqlite') {
      const files = await sqliteFiles();
      expect(files.main.length).toBeGreaterThan(0);
      expect(files.backup.length).toBeGreaterThan(0);
      // No code in its printed or normalized form anywhere.
      for (const [name, bytes] of Object.entries(files))
        expect(items.filter((it) => has(bytes, it.code) || has(bytes, it.printed)).length, `codes in ${name}`).toBe(0);
      expect(pairedIn(pagesOf(files.main), items), 'database file').toEqual([]);
      expect(pairedIn(transactionsOf(files.wal), items), 'write-ahead log').toEqual([]);
      expect(pairedIn(pagesOf(files.backup), items), 'backup').toEqual([]);
      return;
    }

    const surveyId = info.surveyId;
    const codes = (
      await sql<{
        h: string;
        x: string;
        c: string;
      }>`select code_hash as h, xmin::text as x, ctid::text as c from survey_codes where survey_id = ${surveyId} and state = 'used'`.execute(
        db,
      )
    ).rows;
    const responses = (
      await sql<{ t: string; x: string; c: string; tx: string; tc: string }>`
        select t.text as t, r.xmin::text as x, r.ctid::text as c, t.xmin::text as tx, t.ctid::text as tc
        from survey_responses r join survey_response_texts t on t.response_id = r.id
        where r.survey_id = ${surveyId} and t.question_id = 'anmerkungen'`.execute(db)
    ).rows;
    expect(codes).toHaveLength(SUBMISSIONS);
    expect(responses).toHaveLength(SUBMISSIONS);
    const codeOf = new Map(codes.map((c) => [c.h, c]));
    const responseOf = new Map(responses.map((r) => [r.t, r]));
    const count = <T>(rows: T[], pick: (r: T) => string, v: string) => rows.filter((r) => pick(r) === v).length;
    // xmin: a code and its response (or its text) written by one transaction that wrote anything
    // less than every used code and every response single each other out.
    const byXmin = items.filter((it) => {
      const c = codeOf.get(it.hash)!;
      const r = responseOf.get(it.answer)!;
      return [r.x, r.tx].some(
        (x) => x === c.x && (count(codes, (k) => k.x, x) < codes.length || count(responses, (k) => k.x, x) < responses.length),
      );
    });
    expect(byXmin.map((it) => it.answer)).toEqual([]);
    // ctid: the physical order of the used codes and of the responses (and texts) must not line up.
    const place = (ctid: string) => ctid.slice(1, -1).split(',').map(Number) as [number, number];
    const rank = <T>(rows: T[], ctid: (r: T) => string) =>
      new Map(
        [...rows]
          .sort((a, b) => {
            const [pa, ia] = place(ctid(a));
            const [pb, ib] = place(ctid(b));
            return pa - pb || ia - ib;
          })
          .map((r, i) => [r, i]),
      );
    const codeRank = rank(codes, (c) => c.c);
    for (const ctid of [(r: (typeof responses)[number]) => r.c, (r: (typeof responses)[number]) => r.tc]) {
      const responseRank = rank(responses, ctid);
      const sameRank = items.filter((it) => codeRank.get(codeOf.get(it.hash)!) === responseRank.get(responseOf.get(it.answer)!));
      // In a random order about one in 50 lines up by chance; 8 or more would happen once in 100,000 runs.
      expect(sameRank.length).toBeLessThan(8);
    }
  }

  it('leaves no code within reach of its answer during fieldwork', async () => {
    await expectNoPairing();
  }, 60_000);

  it('leaves no code within reach of its answer after closing', async () => {
    const closed = await call('POST', `/api/surveys/${info.surveyId}/close`, {}, true);
    expect(closed.status, await closed.text()).toBe(200);
    await expectNoPairing();
  }, 60_000);
});

describe('the write-ahead log on SQLite', () => {
  it('is truncated after a write; a reader in another connection holds it back until it is done', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-journal-'));
    const file = path.join(dir, 'praevis.db');
    const handle = openDatabase(file);
    const other = openDatabase(file);
    try {
      await sql`create table t (x text)`.execute(handle.db);
      await sql`insert into t values ('eine Antwort')`.execute(handle.db);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      // A reader of another connection (a backup) keeps its snapshot: the truncation waits briefly and gives up.
      other.sqlite!.prepare('begin').run();
      other.sqlite!.prepare('select count(*) from t').get();
      await sql`insert into t values ('noch eine')`.execute(handle.db);
      expect(await truncateJournal(handle.db)).toBe(false);
      expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(handle.db)).rows[0]!.timeout).toBe(5000);
      other.sqlite!.prepare('commit').run();
      expect(await truncateJournal(handle.db)).toBe(true);
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
    } finally {
      await other.destroy();
      await handle.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
