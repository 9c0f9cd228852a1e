import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_COUNTER, readCounters } from '../../lib/answer-cache.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';

type Page = { items: Array<{ ags: string; name: string; directorateName: string | null }>; total: number };

describe.each(DIALECTS)('municipality list answers (cached per directory change) on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let policeChemnitz: Client;
  let policeDresden: Client;
  let coordinator: Client;
  const names = async (client: Client, query = '') => {
    const res = await client.get(`/api/municipalities${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return (res.json() as Page).items.map((m) => `${m.ags} ${m.name} ${m.directorateName ?? '-'}`);
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    policeChemnitz = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    policeDresden = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    coordinator = await ctx.as('coordinator', { communes: [ctx.territory.aue] });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('never shares an answer between scopes or queries', async () => {
    // Ask in an order that would leak if the cache ignored the scope or the query.
    expect(await names(lpr)).toEqual([
      '14521035 Annaberg-Buchholz Chemnitz',
      '14521040 Aue-Bad Schlema Chemnitz',
      '14612000 Dresden Dresden',
    ]);
    expect(await names(policeChemnitz)).toEqual(['14521035 Annaberg-Buchholz Chemnitz', '14521040 Aue-Bad Schlema Chemnitz']);
    expect(await names(policeDresden)).toEqual(['14612000 Dresden Dresden']);
    expect(await names(coordinator)).toEqual(['14521040 Aue-Bad Schlema Chemnitz']);
    expect(await names(lpr, '?q=aue')).toEqual(['14521040 Aue-Bad Schlema Chemnitz']);
    expect(await names(lpr, '?sort=population&order=desc&pageSize=1')).toEqual(['14612000 Dresden Dresden']);
    expect(await names(lpr)).toHaveLength(3);
  });

  it('shows every change of the directory at once, whichever way it was written', async () => {
    await names(lpr);
    const before = (await readCounters(ctx.db))[DIRECTORY_COUNTER];
    // A manual SQL fix, outside any service: the trigger still bumps the counter.
    await sql`update municipalities set name = 'Aue-Bad Schlema (Große Kreisstadt)' where ags = ${ctx.territory.aue}`.execute(ctx.db);
    expect((await readCounters(ctx.db))[DIRECTORY_COUNTER]).toBeGreaterThan(before!);
    expect(await names(lpr, '?q=aue')).toEqual(['14521040 Aue-Bad Schlema (Große Kreisstadt) Chemnitz']);
    expect(await names(coordinator)).toEqual(['14521040 Aue-Bad Schlema (Große Kreisstadt) Chemnitz']);

    // The Erzgebirgskreis moves to the Dresden directorate: both police scopes change.
    await ctx.db
      .updateTable('directorate_districts')
      .set({ directorate_id: ctx.territory.dresdenDirectorate })
      .where('district_ags', '=', ctx.territory.erzgebirge)
      .execute();
    expect(await names(policeChemnitz)).toEqual([]);
    expect(await names(policeDresden)).toHaveLength(3);

    // A renamed directorate and a deactivated municipality.
    await ctx.db
      .updateTable('police_directorates')
      .set({ name: 'Dresden (neu)' })
      .where('id', '=', ctx.territory.dresdenDirectorate)
      .execute();
    await ctx.db.updateTable('municipalities').set({ active: 0 }).where('ags', '=', ctx.territory.annaberg).execute();
    expect(await names(policeDresden)).toEqual([
      '14521040 Aue-Bad Schlema (Große Kreisstadt) Dresden (neu)',
      '14612000 Dresden Dresden (neu)',
    ]);
    const deleted = await ctx.db.deleteFrom('municipalities').where('ags', '=', ctx.territory.annaberg).executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(1);
    expect(await names(lpr, '?includeInactive=true')).toHaveLength(2);
  });
});
