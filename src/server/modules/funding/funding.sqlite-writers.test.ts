import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDistrict, buildMunicipality } from '../../test/factories.ts';
import { createProgramme } from './programmes.service.ts';
import { buildApplicationsInReview } from './test-support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs one writer process on the database file and returns its outcomes. */
function writer(file: string, ids: number[]): Promise<{ id: number; status: number; code: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'decide-process.ts'), file, ids.join(',')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`writer exited ${code}: ${err}`)),
    );
  });
}

/*
 * In one process the SQLite driver serialises every transaction on its single connection, so the
 * HTTP concurrency test cannot show what happens when several server processes share one database
 * file. Here four processes, each with its own connection, approve 200 applications against a
 * budget that fits 37: their transactions (BEGIN IMMEDIATE, db/transaction.ts) and the budget lock
 * must make them queue, never over-commit and never fail.
 */
describe('budget lock across SQLite connections of several processes', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-funding-'));
    file = path.join(dir, 'praevis.db');
    handle = openDatabase(file);
    await migrateToLatest(handle.db);
    await handle.db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
    await buildDistrict(handle.db, { ags: '14521', name: 'Erzgebirgskreis' });
    await buildMunicipality(handle.db, { ags: '14521035', district_ags: '14521', name: 'Annaberg-Buchholz' });
  });
  afterAll(async () => {
    await handle?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'four writer processes, 200 approvals, a budget for 37: 37 approved, 163 refused with the budget rule, none failed',
    { timeout: 180_000 },
    async () => {
      const field = await handle.db.selectFrom('fields_of_action').select('id').where('code', '=', 'graffiti').executeTakeFirstOrThrow();
      const programme = await handle.db
        .transaction()
        .execute((trx) => createProgramme(trx, SYSTEM_ACTOR, { year: 2030, budgetCents: 37 * 1_100_000 + 500_000 }));
      const ids = await buildApplicationsInReview(handle.db, {
        programmeId: programme.id,
        ags: '14521035',
        fieldId: field.id,
        count: 200,
        requestedCents: 1_100_000,
        createdBy: null,
      });
      const shares = [0, 1, 2, 3].map((k) => ids.filter((_, i) => i % 4 === k));
      const outcomes = (await Promise.all(shares.map((s) => writer(file, s)))).flat();
      expect(outcomes).toHaveLength(200);
      const tally = outcomes.reduce<Record<string, number>>(
        (t, o) => ({ ...t, [`${o.status} ${o.code}`]: (t[`${o.status} ${o.code}`] ?? 0) + 1 }),
        {},
      );
      expect(tally).toEqual({ '200 ok': 37, '409 programme_budget': 163 });
      const sum = await handle.db
        .selectFrom('funding_applications')
        .select((eb) => eb.fn.sum<number>('approved_cents').as('s'))
        .where('programme_id', '=', programme.id)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      expect(Number(sum.s)).toBe(37 * 1_100_000);
    },
  );
});
