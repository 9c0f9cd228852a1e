import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { buildDirectorate, buildDistrict } from '../../test/factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { checkConsistency } from '../consistency/index.ts';
import { addDemoData } from './demo.service.ts';

/* `praevis demo` followed by `praevis check`: the demo is a world that could be real (decision 026). */
describe.each(DIALECTS)('the demo data contradict nothing on %s', (dialect) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const districts: string[] = [];
    for (let d = 0; d < 13; d++) districts.push((await buildDistrict(ctx.db, { ags: `14${700 + d}`, name: `Kreis ${d}` })).ags);
    const rows = [];
    for (let i = 0; i < 415; i++) {
      const d = districts[i % 13]!;
      rows.push({
        ags: `${d}${String(100 + Math.floor(i / 13)).padStart(3, '0')}`,
        ars: `${d}00000${String(100 + Math.floor(i / 13))}`,
        name: `Demogemeinde ${i}`,
        type_code: '64',
        district_ags: d,
        association_ars: null,
        area_ha: 1000,
        population: 5000,
        population_male: 2500,
        postcode: null,
        active: 1,
        status_date: '2021-11-30',
        updated_at: '2021-11-30T00:00:00Z',
      });
    }
    await ctx.db.insertInto('municipalities').values(rows).execute();
    for (let k = 0; k < 5; k++)
      await buildDirectorate(
        ctx.db,
        `PD ${k}`,
        districts.filter((_, i) => i % 5 === k),
      );
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('reports 0 contradictions right after praevis demo', { timeout: 300_000 }, async () => {
    // The staff account that reviews the demo applications.
    await ctx.as('lpr');
    await addDemoData(ctx.db, SYSTEM_ACTOR, { force: false });
    const report = await checkConsistency(ctx.db);
    expect(report.byKind, JSON.stringify(report.items.filter((i) => i.kind !== 'event_without_record').slice(0, 12), null, 1)).toEqual({});
    expect(report.items.slice(0, 5)).toEqual([]);
  });
});
