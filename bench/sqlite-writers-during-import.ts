/*
 * User writes on SQLite while `praevis import gv100ad --state all` (the whole German directory, in
 * one transaction) runs in a second process on the same file. The server's transactions begin with
 * BEGIN IMMEDIATE (db/transaction.ts), so they wait for the import's write lock (busy timeout 5 s)
 * instead of failing. Reports the writes, the failed ones, the longest wait, and the import's time;
 * the baseline is the same write loop with no import beside it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, type Client, type TestContext } from '../src/server/test/harness.ts';
import { REAL_FILES, REPO_ROOT, SHARED_DATA_DIR } from '../src/server/test/shared-data.ts';

interface Tally {
  writes: number;
  failed: number;
  longestMs: number;
  statuses: Record<string, number>;
}

/** Four clients write organisations until `running()` turns false. */
async function writeLoop(ctx: TestContext, client: Client, running: () => boolean, tag: string): Promise<Tally> {
  const tally: Tally = { writes: 0, failed: 0, longestMs: 0, statuses: {} };
  const worker = async (w: number) => {
    for (let i = 0; running(); i += 1) {
      const t = performance.now();
      const res = await client.post('/api/organisations', {
        ags: ctx.territory.annaberg,
        name: `${tag} ${w}-${i}`,
        type: 'police',
        street: 'Markt 1',
        postcode: '09456',
        city: 'Annaberg-Buchholz',
      });
      tally.longestMs = Math.max(tally.longestMs, performance.now() - t);
      tally.writes += 1;
      tally.statuses[res.statusCode] = (tally.statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode !== 201) tally.failed += 1;
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  return tally;
}

export default async function sqliteWritersDuringImportBench(): Promise<void> {
  const source = path.resolve(SHARED_DATA_DIR, REAL_FILES.gv100ad);
  if (!fs.existsSync(source)) {
    process.stdout.write(`skipped: ${source} is missing (see ../shared/data/README.md)\n`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-bench-writers-'));
  const file = path.join(dir, 'praevis.db');
  const ctx = await createTestContext('sqlite', { DATABASE_URL: file });
  try {
    const client = await ctx.as('coordinator');

    // Baseline: the write loop alone for 2 s.
    const stopAt = performance.now() + 2_000;
    const alone = await writeLoop(ctx, client, () => performance.now() < stopAt, 'Allein');

    // The whole German directory imported by the command in a second process.
    let running = true;
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/praevis.mjs'), 'import', 'gv100ad', source, '--state', 'all'], {
      env: { ...process.env, DATABASE_URL: file, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    void exited.then(() => {
      running = false;
    });
    const beside = await writeLoop(ctx, client, () => running, 'Neben');
    const code = await exited;
    const importMs = performance.now() - t;
    const municipalities = await ctx.db
      .selectFrom('municipalities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const rows = [
      ['write loop', 'writes', 'failed', 'longest wait ms', 'statuses'],
      ['alone (2 s)', String(alone.writes), String(alone.failed), alone.longestMs.toFixed(0), JSON.stringify(alone.statuses)],
      ['beside the import', String(beside.writes), String(beside.failed), beside.longestMs.toFixed(0), JSON.stringify(beside.statuses)],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
    process.stdout.write(
      `import gv100ad --state all: exit ${code}, ${importMs.toFixed(0)} ms (process start included), ${municipalities.n} municipalities${code === 0 ? '' : `\n${stderr}`}\n`,
    );
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
