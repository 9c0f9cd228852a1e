import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_FILES, sharedDataFile } from '../../test/shared-data.ts';

/*
 * `praevis demo` killed with SIGKILL half-way, then run again, must give the same data as one
 * clean run: nothing doubled, nothing missing. Real processes on SQLite over the real Saxon
 * directory (../shared/data).
 */

const BIN = path.resolve('bin/praevis.mjs');
const gv100adFile = sharedDataFile(REAL_FILES.gv100ad);
const directoratesFile = sharedDataFile(REAL_FILES.directorates);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-demo-kill-'));
const baseFile = path.join(dir, 'base.db');

function envFor(file: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: file, LOG_LEVEL: 'silent' };
}

function start(args: string[], file: string): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: envFor(file) });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, done };
}

async function praevis(args: string[], file: string): Promise<{ code: number | null; stderr: string }> {
  return start(args, file).done;
}

/** Whether another connection holds the write lock right now (a write transaction is open). */
function writeLocked(probe: SQLite.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  }
}

/** Row counts of every table. */
function counts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** Copies the imported directory to a new database file. */
function freshCopy(name: string): string {
  const file = path.join(dir, name);
  fs.copyFileSync(baseFile, file);
  return file;
}

describe.skipIf(!gv100adFile || !directoratesFile)('praevis demo killed half-way', () => {
  beforeAll(async () => {
    const g = await praevis(['import', 'gv100ad', gv100adFile!, '--state', '14'], baseFile);
    expect(g.code, g.stderr).toBe(0);
    const d = await praevis(['import', 'directorates', directoratesFile!], baseFile);
    expect(d.code, d.stderr).toBe(0);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a rerun after kill -9 gives the same counts as one clean run', async () => {
    // One clean run, timing how long its writes hold the database.
    const cleanFile = freshCopy('clean.db');
    const probe = new SQLite(cleanFile);
    probe.pragma('busy_timeout = 0');
    const clean = start(['demo'], cleanFile);
    let exited = false;
    void clean.done.then(() => (exited = true));
    let firstLocked = 0;
    while (!exited) {
      if (!firstLocked && writeLocked(probe)) firstLocked = Date.now();
      await new Promise((r) => setTimeout(r, 50));
    }
    probe.close();
    const cleanResult = await clean.done;
    expect(cleanResult.code, cleanResult.stderr).toBe(0);
    const writing = Date.now() - (firstLocked || Date.now());
    const expected = counts(cleanFile);
    expect(expected.alliance_events).toBeGreaterThan(0);
    expect(expected.survey_responses).toBeGreaterThan(0);

    // The same run, killed as soon as any part of it is committed, or once it has written for
    // about 85 % of that time. Wherever the kill lands, the rerun must end with the data of
    // one clean run.
    const killedFile = freshCopy('killed.db');
    const probe2 = new SQLite(killedFile);
    probe2.pragma('busy_timeout = 0');
    const killed = start(['demo'], killedFile);
    let killedExited = false;
    void killed.done.then(() => (killedExited = true));
    let locked = 0;
    while (!killedExited) {
      if (!locked && writeLocked(probe2)) locked = Date.now();
      const committed = (probe2.prepare('select count(*) as n from alliance_events').get() as { n: number }).n > 0;
      if (committed || (locked && Date.now() - locked >= writing * 0.85)) {
        killed.child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    probe2.close();
    await killed.done;

    const rerun = await praevis(['demo'], killedFile);
    // A kill before the commit leaves nothing, and the rerun completes; a kill after it leaves the whole history.
    if (rerun.code !== 0) expect(rerun.stderr).toMatch(/bereits angelegt|exists already/);
    expect(counts(killedFile)).toEqual(expected);
  }, 600_000);
});
