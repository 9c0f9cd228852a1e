/*
 * What a user waits for when starting Praevis, measured as the user runs it (spawned processes),
 * each figure beside the baseline `node -e 0` of the same run:
 *   - `praevis --help`                                   target < 0.5 s
 *   - `praevis user create` on a fresh SQLite database   target < 1 s (which creates the schema
 *     first; the same into an already migrated database is shown beside it)
 *   - `praevis import gv100ad <whole German file> --state all` into a migrated empty database
 *                                                        target < 2 s
 *   - `praevis serve` and `npm start` until the first 200 of /api/health/ready, on a fresh
 *     database, web app already built                    target < 1.5 s
 *   - what the background work of `praevis serve` costs its start, from the server's own debug
 *     lines (LOG_LEVEL=debug): the phases until it listens, the start of the job worker and the
 *     mail outbox worker (before it listens), their first polls (1 s and 2 s after), and the
 *     reminders scheduler's first check of the daily mails (at once after it listens), without
 *     and with an SMTP server configured (which loads the mail transport)
 * The compiled server (dist/server) and the web app are built first, outside the timings; the
 * same commands run from the TypeScript sources through tsx (as bin/praevis.mjs did before
 * decision 019) are shown for comparison. A run in which any command fails is refused.
 *
 *   npm run bench -- startup        or        node --import tsx bench/startup.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REAL_FILES, REPO_ROOT, SHARED_DATA_DIR } from '../src/server/test/shared-data.ts';

const RUNS = 5;
const BIN = path.join(REPO_ROOT, 'bin/praevis.mjs');
/** The same command from the sources, through tsx's loader. */
const FROM_SOURCE = [
  '--import',
  'tsx',
  '--input-type=module',
  '-e',
  "const { main } = await import('./src/server/cli.ts'); await main(['node', 'praevis', ...process.argv.slice(1)]);",
  '--',
];

interface Timed {
  ms: number;
  stdout: string;
}

/** Runs a command to its end; refuses the run when it fails. */
function timed(args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(0, 2000)}`));
      else resolve({ ms, stdout });
    });
    child.stdin.end(input);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server command and times it until /api/health/ready first answers 200, then stops it
 * (the whole process group: `npm start` runs the server as a grandchild).
 */
async function timeToReady(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited: number | null | undefined;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`${command} ${args.join(' ')} exited with ${exited}: ${stderr.trim().slice(0, 2000)}`);
      const status = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (status !== 0) throw new Error(`/api/health/ready answered ${status}`);
      if (performance.now() - started > 60_000) throw new Error(`${command} ${args.join(' ')}: not ready after 60 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (exited === undefined) process.kill(-child.pid!, 'SIGTERM');
    await gone;
  }
}

/** The server's debug lines that time its start (cli/serve.ts, app.ts). */
interface ServeBreakdown {
  ready: number;
  migrated: number;
  built: number;
  listening: number;
  workersStart: number;
  jobsFirstPoll: number;
  outboxFirstPoll: number;
  dailyFirstCheck: number;
  dailyRan: boolean;
}

/**
 * Starts `praevis serve` at LOG_LEVEL=debug, times it until the first 200, then waits for the
 * lines of the workers' first polls and the daily mails' first check (or 20 s), and stops it.
 */
async function serveBreakdown(env: NodeJS.ProcessEnv): Promise<ServeBreakdown> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = new Map<string, Record<string, unknown>>();
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const parts = out.split('\n');
    out = parts.pop()!;
    for (const line of parts) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.msg === 'string') lines.set(entry.msg, entry);
    }
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited: number | null | undefined;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const wanted = ['start-up phases', 'background workers started', 'background workers: first poll done', 'daily mails: first check done'];
  try {
    let ready = 0;
    for (;;) {
      if (exited !== undefined) throw new Error(`praevis serve exited with ${exited}: ${stderr.trim().slice(0, 2000)}`);
      if (!ready) {
        const status = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) ready = performance.now() - started;
        else if (status !== 0) throw new Error(`/api/health/ready answered ${status}`);
      }
      if (ready && wanted.every((m) => lines.has(m))) break;
      if (performance.now() - started > 60_000) throw new Error(`praevis serve: missing ${wanted.filter((m) => !lines.has(m)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const n = (msg: string, key: string) => {
      const v = lines.get(msg)![key];
      if (typeof v !== 'number') throw new Error(`praevis serve: "${msg}" has no ${key}`);
      return v;
    };
    return {
      ready,
      migrated: n('start-up phases', 'migratedMs'),
      built: n('start-up phases', 'builtMs'),
      listening: n('start-up phases', 'listeningMs'),
      workersStart: n('background workers started', 'ms'),
      jobsFirstPoll: n('background workers: first poll done', 'jobsMs'),
      outboxFirstPoll: n('background workers: first poll done', 'outboxMs'),
      dailyFirstCheck: n('daily mails: first check done', 'ms'),
      dailyRan: lines.get('daily mails: first check done')!.ran === true,
    };
  } finally {
    if (exited === undefined) child.kill('SIGTERM');
    await gone;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Row {
  label: string;
  times: number[];
  targetMs?: number;
}

async function repeat(runs: number, fn: (run: number) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await fn(run));
  return times;
}

export default async function startupBench(): Promise<void> {
  const gv100ad = path.resolve(SHARED_DATA_DIR, REAL_FILES.gv100ad);
  const haveGv100ad = fs.existsSync(gv100ad);
  // Outside the timings: the web app and the compiled server, as `npm start` leaves them.
  for (const script of ['scripts/build-web-if-stale.mjs', 'scripts/build-server.mjs']) {
    const r = spawnSync(process.execPath, [script, ...(script.includes('server') ? ['--if-stale'] : [])], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`${script} failed`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-bench-startup-'));
  const db = (name: string) => ({ DATABASE_URL: path.join(dir, `${name}.db`) });
  const rows: Row[] = [];
  try {
    // Interleaved per run, so that a busy moment of the machine falls on every figure alike.
    const baseline: number[] = [];
    const help: number[] = [];
    const helpSource: number[] = [];
    const user: number[] = [];
    const userSource: number[] = [];
    const userMigrated: number[] = [];
    const imports: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      baseline.push((await timed(['-e', '0'])).ms);
      const h = await timed([BIN, '--help']);
      if (!h.stdout.includes('user')) throw new Error('praevis --help printed no commands');
      help.push(h.ms);
      helpSource.push((await timed([...FROM_SOURCE, '--help'])).ms);
      const account = ['user', 'create', '--email', `bench${run}@praevis.example`, '--role', 'lpr'];
      const u = await timed([BIN, ...account], db(`user-${run}`));
      if (!/one-time password: \S{20}/.test(u.stdout)) throw new Error(`praevis user create printed no password: ${u.stdout}`);
      user.push(u.ms);
      userSource.push((await timed([...FROM_SOURCE, ...account], db(`user-source-${run}`))).ms);
      await timed([BIN, 'db', 'migrate'], db(`user-migrated-${run}`));
      userMigrated.push((await timed([BIN, ...account], db(`user-migrated-${run}`))).ms);
      if (haveGv100ad) {
        await timed([BIN, 'db', 'migrate'], db(`import-${run}`));
        const i = await timed([BIN, 'import', 'gv100ad', gv100ad, '--state', 'all'], db(`import-${run}`));
        if (!/neu\/added 10\d{3}/.test(i.stdout))
          throw new Error(`the import stored fewer municipalities than the file holds: ${i.stdout}`);
        imports.push(i.ms);
      }
    }
    rows.push({ label: 'baseline node -e 0', times: baseline });
    rows.push({ label: 'praevis --help', times: help, targetMs: 500 });
    rows.push({ label: '  from source (tsx)', times: helpSource });
    rows.push({ label: 'praevis user create (fresh db)', times: user, targetMs: 1000 });
    rows.push({ label: '  from source (tsx)', times: userSource });
    rows.push({ label: '  into a migrated db', times: userMigrated });
    if (haveGv100ad) rows.push({ label: 'praevis import gv100ad --state all', times: imports, targetMs: 2000 });

    const serve = await repeat(RUNS, (run) => timeToReady(process.execPath, [BIN, 'serve'], db(`serve-${run}`)));
    rows.push({ label: 'praevis serve → 200 (fresh db)', times: serve, targetMs: 1500 });
    const npmStart = await repeat(RUNS, (run) => timeToReady('npm', ['start', '--silent'], db(`start-${run}`)));
    rows.push({ label: 'npm start → 200 (fresh db)', times: npmStart, targetMs: 1500 });

    // The background work of `praevis serve`, from its debug lines; without and with SMTP_URL
    // (port 9, discard: the transport is created, the empty outbox sends nothing).
    for (const [label, env] of [
      ['serve, no SMTP', {}],
      ['serve, SMTP_URL set', { SMTP_URL: 'smtp://127.0.0.1:9' }],
    ] as const) {
      const runs: ServeBreakdown[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await serveBreakdown({ ...db(`${label.replace(/\W+/g, '-')}-${run}`), ...env }));
      const col = (key: keyof Omit<ServeBreakdown, 'dailyRan'>) => runs.map((r) => r[key]);
      rows.push({ label: `${label} → 200`, times: col('ready') });
      rows.push({ label: '  migrated (since process start)', times: col('migrated') });
      rows.push({ label: '  app built, workers started', times: col('built') });
      rows.push({ label: '  listening', times: col('listening') });
      rows.push({ label: '  of which: start of both workers', times: col('workersStart') });
      rows.push({ label: '  job worker, first poll (at +1 s)', times: col('jobsFirstPoll') });
      rows.push({ label: '  mail outbox, first poll (at +2 s)', times: col('outboxFirstPoll') });
      rows.push({
        label: `  daily mails, first check${runs.every((r) => r.dailyRan) ? ' (ran)' : runs.some((r) => r.dailyRan) ? ' (ran in some)' : ' (not due)'}`,
        times: col('dailyFirstCheck'),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const base = median(rows[0]!.times);
  const s = (ms: number) => (ms < 100 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
  process.stdout.write(
    `Start-up, spawned as a user runs it; median (min–max) of ${RUNS} runs; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  if (!haveGv100ad) process.stdout.write(`  (gv100ad skipped: ${gv100ad} is missing, see ../shared/data/README.md)\n`);
  for (const r of rows) {
    const m = median(r.times);
    const spread = `(${s(Math.min(...r.times))}–${s(Math.max(...r.times))})`;
    const over = r === rows[0] ? '' : `  ${(m / base).toFixed(1)}× baseline`;
    const target = r.targetMs ? `  target < ${s(r.targetMs)}: ${m < r.targetMs ? 'met' : 'MISSED'}` : '';
    process.stdout.write(`  ${r.label.padEnd(38)} ${s(m).padStart(7)} ${spread.padEnd(16)}${over}${target}\n`);
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  await startupBench();
}
