import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { createTestDatabase } from '../../test/databases.ts';
import { buildDemoDirectory } from '../../test/factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { DEMO_SEED, generateDemoRows, runDemo } from './demo.ts';

describe('demo generator', () => {
  const directory = Array.from({ length: 418 }, (_, i) => ({
    ags: `14${String(500 + (i % 13)).padStart(3, '0')}${String(100 + i).padStart(3, '0')}`,
    name: `Gemeinde ${i}`,
    districtAgs: `14${500 + (i % 13)}`,
  })).sort((a, b) => (a.ags < b.ags ? -1 : 1));

  it('is reproducible: the same seed gives the same history', () => {
    const a = generateDemoRows(directory, { seed: DEMO_SEED, horizon: '2025-12-31', run: 1 });
    const b = generateDemoRows(directory, { seed: DEMO_SEED, horizon: '2025-12-31', run: 1 });
    expect(a).toEqual(b);
    expect(generateDemoRows(directory, { seed: 7, horizon: '2025-12-31', run: 1 }).rows).not.toEqual(a.rows);
  });

  it('labels everything and stays within the programme period', () => {
    const { rows } = generateDemoRows(directory, { seed: DEMO_SEED, horizon: '2025-12-31', run: 1 });
    expect(rows.every((r) => r.notes.startsWith('[Demo]'))).toBe(true);
    expect(rows.every((r) => r.date >= '2019-02-06' && r.date <= '2025-12-31')).toBe(true);
    expect(rows.filter((r) => r.agreementTitle).every((r) => r.agreementTitle!.startsWith('[Demo]'))).toBe(true);
  });
});

describe.each(DIALECTS)('praevis demo on %s', (dialect) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    // A Saxony-sized directory: 13 districts, 418 municipalities, five directorates.
    await buildDemoDirectory(ctx.db, { districts: 13, municipalities: 415, directorates: 5 });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('refuses on an empty directory with a clear message', async () => {
    const empty = await createTestDatabase(dialect);
    try {
      await expect(runDemo(empty.db, SYSTEM_ACTOR, { force: false })).rejects.toThrow(/directory is empty|Gemeindeverzeichnis ist leer/);
    } finally {
      await empty.destroy();
    }
  });

  it('adds a labelled history of about 130 advised municipalities and 46 agreements; refuses a second run unless forced', async () => {
    const first = await ctx.db.transaction().execute((trx) => runDemo(trx, SYSTEM_ACTOR, { force: false }));
    expect(first.figures.advised).toBeGreaterThanOrEqual(120);
    expect(first.figures.advised).toBeLessThanOrEqual(135);
    expect(first.agreements).toBeGreaterThanOrEqual(38);
    expect(first.agreements).toBeLessThanOrEqual(55);
    expect(first.jointAgreements).toBeGreaterThan(0);
    // Coaching and analyses come with their records from the councils' and security analysis' demos (decision 026).
    expect(first.figures.coachingRunning).toBe(0);
    expect(first.figures.analysesCompleted).toBe(0);
    expect(first.figures.inCollaboration).toBe(first.figures.communesCoveredByAgreements + first.figures.preAgreements);
    expect(first.figures.withdrawn).toBeGreaterThan(0);
    const notes = await ctx.db.selectFrom('alliance_events').select('notes').execute();
    expect(notes.every((n) => n.notes.startsWith('[Demo]'))).toBe(true);

    await expect(ctx.db.transaction().execute((trx) => runDemo(trx, SYSTEM_ACTOR, { force: false }))).rejects.toThrow(/--force/);
    const again = await ctx.db.transaction().execute((trx) => runDemo(trx, SYSTEM_ACTOR, { force: true }));
    expect(again.run).toBe(2);
    // Reproducible: the same seed gives the same figures.
    expect(again.figures).toEqual(first.figures);
    const cancelled = await ctx.db
      .selectFrom('alliance_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'cancelled')
      .executeTakeFirstOrThrow();
    expect(Number(cancelled.n)).toBe(first.events);
  });
});
