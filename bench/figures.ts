/*
 * Network figures for one date on a Saxony-sized alliance (bench/_alliance-seed.ts: 418
 * municipalities in 13 districts and 5 police directorates, 20,000 events).
 * - Over HTTP, against a server in its own process (bench/_api-server.ts), 32 connections, in
 *   rounds alternating with their baselines (GET /api/health/live, constant JSON; mean of each):
 *   the public figures (anonymous, as the crowd of a press release asks) against the anonymous
 *   baseline, and the signed-in figures (the ministry) against the baseline with a session cookie;
 *   and the latency of the signed-in figures at one connection (target p50 < 20 ms).
 *   Targets (issue 13): the public figures ≥ 40 % of the baseline on SQLite, ≥ 25 % on PostgreSQL.
 *   The rate limit of the bench server is configured high, so no answer is a 429; a run in which
 *   any answer is not 2xx is refused.
 * - In-process: the ways of loading the events (SQL GROUP BY, the compact table folded in memory
 *   per request, the cached sorted index), so that the choice in figures.service.ts stays measured
 *   (ADR 005).
 * SQLite always; PostgreSQL when it answers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Dialect } from '../src/server/db/database.ts';
import { FIGURES_STRATEGY, type FiguresStrategy, loadAggregates } from '../src/server/modules/alliance/figures.service.ts';
import { communeStates } from '../src/server/modules/alliance/figures.ts';
import { createTestContext, DIALECTS, type TestContext } from '../src/server/test/harness.ts';
import { AT, EVENTS, MUNICIPALITIES, seedAlliance } from './_alliance-seed.ts';
import { alternate, BROWSER, refuseBadAnswers, verdict } from './_reads.ts';
import { load, type LoadResult, printLoad, startBenchServer } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC_TARGET: Record<Dialect, number> = { sqlite: 0.4, postgres: 0.25 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** In-process timings (median of 60) of loading and folding the events, per strategy. */
async function timeStrategies(ctx: TestContext): Promise<Record<FiguresStrategy | 'indexed after a change', number>> {
  const out = {} as Record<FiguresStrategy | 'indexed after a change', number>;
  const bump = () =>
    ctx.db
      .updateTable('settings')
      .set({ version: sql<number>`version + 1` })
      .where('key', '=', 'alliance.events.generation')
      .execute();
  const cases: [keyof typeof out, FiguresStrategy, boolean][] = [
    ['sql', 'sql', false],
    ['memory', 'memory', false],
    ['indexed', 'indexed', false],
    ['indexed after a change', 'indexed', true],
  ];
  for (const [label, strategy, changed] of cases) {
    for (let i = 0; i < 5; i++) communeStates(await loadAggregates(ctx.db, AT, strategy));
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      if (changed) await bump();
      const t = performance.now();
      communeStates(await loadAggregates(ctx.db, AT, strategy));
      times.push(performance.now() - t);
    }
    out[label] = median(times);
  }
  return out;
}

/** The in-process timings of the strategies, on a context of its own. */
async function measureStrategies(dialect: Dialect) {
  const ctx = await createTestContext(dialect, { LOG_LEVEL: 'silent' });
  try {
    await seedAlliance(ctx.db);
    return await timeStrategies(ctx);
  } finally {
    await ctx.close();
  }
}

// Rounds of baseline and route, alternating, 3 s each, 32 connections.
const ROUNDS = 3;

/** The figures over HTTP beside their baselines, against a server in its own process. */
async function measureHttp(dialect: Dialect) {
  const server = (await startBenchServer(path.join(here, '_api-server.ts'), [dialect])) as Awaited<ReturnType<typeof startBenchServer>> & {
    cookies: { ministry: string };
  };
  try {
    const anonymous = { ...BROWSER };
    const signedIn = { ...BROWSER, cookie: server.cookies.ministry };
    const health = `${server.url}/api/health/live`;
    const figures = `${server.url}/api/alliance/figures?at=${AT}`;
    const published = `${server.url}/api/public/alliance/figures?at=${AT}`;
    const [a, b] = await Promise.all([fetch(figures, { headers: signedIn }), fetch(published)]);
    const [fa, fb] = (await Promise.all([a.json(), b.json()])) as {
      statewide: { advised: number };
      districts: unknown[];
      directorates: unknown[];
    }[];
    if (a.status !== 200 || b.status !== 200 || fa!.districts.length < 13 || fa!.directorates.length < 5)
      throw new Error(`figures answered ${a.status}, public figures ${b.status}`);
    if (fa!.statewide.advised !== fb!.statewide.advised) throw new Error('signed-in and public figures differ');

    await load('warm-up', health, { seconds: 2, headers: signedIn });
    await load('warm-up', figures, { seconds: 1, headers: signedIn });
    await load('warm-up', published, { seconds: 1, headers: anonymous });
    const pub = await alternate(
      ROUNDS,
      () => load(`${dialect}: GET /api/health/live anonymous`, health, { seconds: 3, headers: anonymous }),
      () => load(`${dialect}: GET /api/public/alliance/figures`, published, { seconds: 3, headers: anonymous }),
    );
    const signed = await alternate(
      ROUNDS,
      () => load(`${dialect}: GET /api/health/live with session`, health, { seconds: 3, headers: signedIn }),
      () => load(`${dialect}: GET /api/alliance/figures (ministry)`, figures, { seconds: 3, headers: signedIn }),
    );
    const single = await load(`${dialect}: GET /api/alliance/figures (ministry), 1 connection`, figures, {
      connections: 1,
      seconds: 4,
      headers: signedIn,
    });
    refuseBadAnswers([single]);
    return { pub, signed, single };
  } finally {
    await server.stop();
  }
}

export default async function run(): Promise<void> {
  process.stdout.write(
    `${MUNICIPALITIES} municipalities, ${EVENTS} events; figures at ${AT} (route uses strategy "${FIGURES_STRATEGY.current}")\n`,
  );
  const all: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const http = await measureHttp(dialect);
    all.push(http.pub.baseline, http.pub.route, http.signed.baseline, http.signed.route, http.single);
    process.stdout.write(`${verdict(`${dialect}: public figures`, http.pub.route, http.pub.baseline, PUBLIC_TARGET[dialect])}\n`);
    process.stdout.write(
      `${dialect}: signed-in figures at ${((http.signed.route.requestsPerSec / http.signed.baseline.requestsPerSec) * 100).toFixed(0)} % of the baseline with session; ` +
        `p50 ${http.single.p50.toFixed(1)} ms at 1 connection (target < 20 ms: ${http.single.p50 < 20 ? 'met' : 'NOT met'})\n`,
    );
    const strategies = await measureStrategies(dialect);
    process.stdout.write(
      `${dialect}: loading + folding the events in-process, median of 60: SQL GROUP BY ${strategies.sql.toFixed(1)} ms, compact table folded in memory ${strategies.memory.toFixed(1)} ms, ` +
        `cached index ${strategies.indexed.toFixed(1)} ms (${strategies['indexed after a change'].toFixed(1)} ms right after a change)\n`,
    );
  }
  printLoad(all);
}
