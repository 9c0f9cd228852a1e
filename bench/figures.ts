/*
 * Network figures for one date on a Saxony-sized alliance: 418 municipalities in 13 districts and
 * 5 police directorates, 20,000 alliance events. A listening server answers GET /api/alliance/figures
 * (signed in as the ministry) beside the baseline GET /api/health/live (constant JSON) in the same run:
 * - latency with one connection (one request at a time): target p50 < 20 ms;
 * - throughput with 32 connections, against the baseline's.
 * Also the ways of loading the events (SQL GROUP BY, the compact table folded in memory per request,
 * the cached sorted index), timed in-process, so that the choice in figures.service.ts stays
 * measured (ADR 005).
 * SQLite always; PostgreSQL when it answers.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Dialect } from '../src/server/db/database.ts';
import { FIGURES_STRATEGY, type FiguresStrategy, getFigures, loadAggregates } from '../src/server/modules/alliance/figures.service.ts';
import { communeStates } from '../src/server/modules/alliance/figures.ts';
import { seededRandom } from '../src/server/modules/alliance/demo.ts';
import { createTestContext, DIALECTS, type TestContext } from '../src/server/test/harness.ts';
import { buildDirectorate, buildDistrict } from '../src/server/test/factories.ts';
import { load, type LoadResult, printLoad } from './_support.ts';
import { addDays, daysBetween, nowIso } from '../src/shared/time.ts';

const MUNICIPALITIES = 418;
const EVENTS = 20_000;
const AT = '2024-06-30';

const TYPES = [
  'consultation',
  'consultation',
  'consultation',
  'pre_agreement_signed',
  'council_resolution',
  'agreement_signed',
  'agreement_amended',
  'council_constituted',
  'coaching_started',
  'coaching_ended',
  'analysis_started',
  'analysis_completed',
  'strategy_adopted',
  'withdrawn',
  'resumed',
] as const;

/** 13 districts, 418 municipalities, 5 directorates, and 20,000 events dated 2019–2026. */
async function seed(ctx: TestContext): Promise<void> {
  const rnd = seededRandom(418);
  const districts: string[] = [];
  for (let d = 0; d < 13; d++) districts.push((await buildDistrict(ctx.db, { ags: `14${700 + d}`, name: `Kreis ${d + 1}` })).ags);
  const municipalities = Array.from({ length: MUNICIPALITIES }, (_, i) => {
    const d = districts[i % 13]!;
    const ags = `${d}${String(100 + Math.floor(i / 13)).padStart(3, '0')}`;
    return {
      ags,
      ars: `${d}0000${ags.slice(5)}`,
      name: `Gemeinde ${i + 1}`,
      type_code: '64',
      district_ags: d,
      association_ars: null,
      area_ha: 5000,
      population: 5000,
      population_male: 2500,
      postcode: null,
      active: 1,
      status_date: '2021-11-30',
      updated_at: '2021-11-30T00:00:00.000Z',
    };
  });
  for (let i = 0; i < municipalities.length; i += 200)
    await ctx.db
      .insertInto('municipalities')
      .values(municipalities.slice(i, i + 200))
      .execute();
  for (let k = 0; k < 5; k++)
    await buildDirectorate(
      ctx.db,
      `PD ${k + 1}`,
      districts.filter((_, i) => i % 5 === k),
    );
  const now = nowIso();
  const agreementIds: number[] = [];
  for (let a = 0; a < 300; a++) {
    const { id } = await ctx.db
      .insertInto('alliance_agreements')
      .values({ title: `KV ${a}`, council_party: 'LPR', notes: '', status: 'active', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    agreementIds.push(id);
  }
  const span = daysBetween('2019-02-06', '2026-06-30');
  const rows = Array.from({ length: EVENTS }, () => {
    const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
    const m = municipalities[Math.floor(rnd() * MUNICIPALITIES)]!;
    return {
      ags: m.ags,
      type,
      date: addDays('2019-02-06', Math.floor(rnd() * span)),
      agreement_id: type.startsWith('agreement_') ? agreementIds[Math.floor(rnd() * agreementIds.length)]! : null,
      withdrawal_kind: type === 'withdrawn' ? (rnd() < 0.5 ? 'pause' : 'withdrawal') : null,
      notes: '',
      status: rnd() < 0.03 ? 'cancelled' : 'active',
      source: 'import',
      created_by_label: 'bench',
      created_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 400)
    await ctx.db
      .insertInto('alliance_events')
      .values(rows.slice(i, i + 400))
      .execute();
}

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

async function measure(dialect: Dialect) {
  const ctx = await createTestContext(dialect, { LOG_LEVEL: 'silent' });
  try {
    await seed(ctx);
    const ministry = await ctx.as('ministry');
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const headers = { cookie: `praevis_session=${ministry.cookie}` };
    const url = `${base}/api/alliance/figures?at=${AT}`;
    const check = await fetch(url, { headers });
    const body = (await check.json()) as { statewide: { advised: number }; districts: unknown[]; directorates: unknown[] };
    if (check.status !== 200 || body.districts.length < 13 || body.directorates.length < 5)
      throw new Error(`figures answered ${check.status}`);
    const direct = await getFigures(ctx.db, AT);
    if (direct.statewide.advised !== body.statewide.advised) throw new Error('HTTP and direct figures differ');

    const strategies = await timeStrategies(ctx);
    await load('warm-up', `${base}/api/health/live`, { seconds: 1 });
    await load('warm-up', url, { seconds: 1, headers });
    const rows: LoadResult[] = [
      await load(`${dialect}: GET /api/health/live (constant JSON), 1 connection`, `${base}/api/health/live`, {
        connections: 1,
        seconds: 4,
      }),
      await load(`${dialect}: GET /api/alliance/figures?at=${AT}, 1 connection`, url, { connections: 1, seconds: 4, headers }),
      await load(`${dialect}: GET /api/health/live (constant JSON), 32 connections`, `${base}/api/health/live`, {
        connections: 32,
        seconds: 4,
      }),
      await load(`${dialect}: GET /api/alliance/figures?at=${AT}, 32 connections`, url, { connections: 32, seconds: 4, headers }),
    ];
    return { rows, strategies };
  } finally {
    await ctx.close();
  }
}

export default async function run(): Promise<void> {
  process.stdout.write(
    `${MUNICIPALITIES} municipalities, ${EVENTS} events; figures at ${AT} (route uses strategy "${FIGURES_STRATEGY.current}")\n`,
  );
  const all: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const { rows, strategies } = await measure(dialect);
    all.push(...rows);
    const single = rows[1]!;
    const ratio = rows[3]!.requestsPerSec / rows[2]!.requestsPerSec;
    process.stdout.write(
      `${dialect}: loading + folding the events in-process, median of 60: SQL GROUP BY ${strategies.sql.toFixed(1)} ms, compact table folded in memory ${strategies.memory.toFixed(1)} ms, ` +
        `cached index ${strategies.indexed.toFixed(1)} ms (${strategies['indexed after a change'].toFixed(1)} ms right after a change)\n`,
    );
    process.stdout.write(
      `${dialect}: figures p50 ${single.p50.toFixed(1)} ms at 1 connection${dialect === 'sqlite' ? ` (target < 20 ms: ${single.p50 < 20 ? 'met' : 'NOT met'})` : ''}; throughput at 32 connections ${(ratio * 100).toFixed(0)} % of the baseline\n`,
    );
  }
  printLoad(all);
}
