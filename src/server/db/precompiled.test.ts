import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../test/harness.ts';
import { precompiled } from './precompiled.ts';

describe.each(DIALECTS)('precompiled queries on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("runs one compiled query with each call's arguments, keeping its own literal parameters", async () => {
    let builds = 0;
    const byDistrict = precompiled('test.byDistrict', (db, district: string, prefix: string) => {
      builds += 1;
      return db
        .selectFrom('municipalities')
        .select('ags')
        .where('district_ags', '=', district)
        .where('ags', 'like', prefix)
        .where('active', '=', 1)
        .orderBy('ags');
    });
    expect((await byDistrict(ctx.db, ctx.territory.erzgebirge, '14521%')).map((r) => r.ags)).toEqual([
      ctx.territory.annaberg,
      ctx.territory.aue,
    ]);
    expect((await byDistrict(ctx.db, ctx.territory.dresden, '14612%')).map((r) => r.ags)).toEqual([ctx.territory.dresdenCity]);
    expect(await byDistrict(ctx.db, ctx.territory.dresden, '14521%')).toEqual([]);
    await ctx.db.updateTable('municipalities').set({ active: 0 }).where('ags', '=', ctx.territory.aue).execute();
    expect((await byDistrict(ctx.db, ctx.territory.erzgebirge, '14521%')).map((r) => r.ags)).toEqual([ctx.territory.annaberg]);
    expect(builds).toBe(1);
  });
});
