import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoDirectory } from '../../test/factories.ts';
import { nowIso } from '../../../shared/time.ts';

/*
 * The commands as an operator runs them, on a SQLite file: `praevis demo`, then `praevis check`
 * exits 0; a planted contradiction makes it exit 1 and name it; `praevis demo --remove` asks
 * (without a terminal nothing is confirmed), deletes with --yes, and the check is clean again.
 */

const BIN = path.resolve('bin/praevis.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-check-'));
const dbFile = path.join(dir, 'praevis.db');

function praevis(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    child.stdin.end();
  });
}

describe('praevis check and praevis demo --remove', () => {
  beforeAll(async () => {
    const handle = openDatabase(dbFile);
    try {
      await migrateToLatest(handle.db);
      await buildDemoDirectory(handle.db, { districts: 3, municipalities: 45, directorates: 1 });
    } finally {
      await handle.destroy();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 after praevis demo, 1 with a contradiction, and 0 again once the demo is removed', async () => {
    const empty = await praevis(['check']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^0 Widersprüche/m);

    const demo = await praevis(['demo']);
    expect(demo.code, demo.stderr).toBe(0);
    const clean = await praevis(['check']);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toMatch(/^0 Widersprüche/m);

    // A consultation recorded for a date far ahead: a date in the future.
    const handle = openDatabase(dbFile);
    const place = await handle.db.selectFrom('municipalities').select('ags').orderBy('ags', 'desc').executeTakeFirstOrThrow();
    const { id } = await handle.db
      .insertInto('alliance_events')
      .values({
        ags: place.ags,
        type: 'consultation',
        date: '2099-01-15',
        agreement_id: null,
        topic: 'Beratung',
        participants: null,
        withdrawal_kind: null,
        notes: '',
        status: 'active',
        corrects_id: null,
        superseded_by_id: null,
        status_reason: null,
        status_changed_at: null,
        status_changed_by: null,
        source: 'api',
        created_by: null,
        created_by_label: 'test',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.destroy();

    const dirty = await praevis(['check']);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain('Datum in der Zukunft');
    expect(dirty.stdout).toContain(`Nr. ${id}`);
    expect(dirty.stdout).toMatch(/^1 Widersprüche/m);
    const json = await praevis(['check', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 1, byKind: { date_in_future: 1 } });

    // Without a terminal and without --yes nothing is removed.
    const asked = await praevis(['demo', '--remove']);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain('Nichts gelöscht');
    const removed = await praevis(['demo', '--remove', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/Demo-Daten entfernt: \d+ Einträge/);
    const again = await praevis(['demo', '--remove', '--yes']);
    expect(again.stdout).toContain('Keine Demo-Daten vorhanden');

    // The planted event was not demo data: it stays, and so does the contradiction.
    expect((await praevis(['check'])).code).toBe(1);
    const h2 = openDatabase(dbFile);
    await h2.db.deleteFrom('alliance_events').where('id', '=', id).execute();
    expect(await h2.db.selectFrom('alliance_events').select('id').execute()).toEqual([]);
    await h2.destroy();
    expect((await praevis(['check'])).code).toBe(0);
  }, 300_000);
});
