import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyRoles } from '../../../../shared/policies.ts';
import { ROLES } from '../../../../shared/roles.ts';
import { buildMunicipality } from '../../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { createSurvey, surveyInField } from '../test-support.ts';

/*
 * GET /api/survey-results, the list of surveys whose results a caller may read (the page of police
 * and the ministry, who list no surveys). Every signed-in role passes the role gate
 * (surveyAnalysis.readResults); what each sees is its scope: police the closed surveys of their
 * directorate, the ministry every closed one, a coordinator those of its communes, none outside.
 */
describe.each(DIALECTS)('surveys with readable results by role on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  const ids: Record<'closedAnnaberg' | 'closedDresden' | 'fieldAnnaberg' | 'draftAue', number> = {
    closedAnnaberg: 0,
    closedDresden: 0,
    fieldAnnaberg: 0,
    draftAue: 0,
  };
  const lonely = '14521160'; // a municipality of the Chemnitz directorate without any survey

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    await buildMunicipality(ctx.db, { ags: lonely, district_ags: ctx.territory.erzgebirge, name: 'Ehrenfriedersdorf' });
    const closed = async (ags: string, title: string) => {
      const { survey } = await surveyInField(admin, ctx.db, [ags], 2, { title });
      const res = await admin.post(`/api/surveys/${survey.id}/close`, {});
      expect(res.statusCode, res.body).toBe(200);
      return survey.id;
    };
    ids.closedAnnaberg = await closed(ctx.territory.annaberg, 'Sicherheit in Annaberg-Buchholz');
    ids.closedDresden = await closed(ctx.territory.dresdenCity, 'Sicherheit in Dresden');
    ids.fieldAnnaberg = (await surveyInField(admin, ctx.db, [ctx.territory.annaberg], 2, { title: 'Annaberg im Feld' })).survey.id;
    ids.draftAue = (await createSurvey(admin, [ctx.territory.aue], { title: 'Aue in Vorbereitung' })).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const listed = async (who: Client) => {
    const res = await who.get('/api/survey-results?pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: number; status: string }[]; total: number };
    expect(body.items).toHaveLength(body.total);
    return body.items;
  };
  const idsOf = async (who: Client) => (await listed(who)).map((s) => s.id).sort((a, b) => a - b);
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

  it('admits every signed-in role and nobody without a session', async () => {
    expect(policyRoles('surveyAnalysis.readResults')).toEqual(expect.arrayContaining([...ROLES]));
    const anonymous = await ctx.anonymous.get('/api/survey-results');
    expect(anonymous.statusCode).toBe(401);
  });

  it('gives police the closed surveys of their directorate only', async () => {
    const chemnitz = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    const dresden = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    expect(await idsOf(chemnitz)).toEqual([ids.closedAnnaberg]);
    expect(await idsOf(dresden)).toEqual([ids.closedDresden]);
    // Their own list of surveys stays closed to them (they do not read fieldwork).
    expect((await chemnitz.get('/api/surveys')).statusCode).toBe(403);
    expect((await chemnitz.get(`/api/surveys/${ids.fieldAnnaberg}/results`)).statusCode).toBe(403);
  });

  it('gives the ministry every closed survey and none in fieldwork or preparation', async () => {
    const ministry = await ctx.as('ministry');
    const items = await listed(ministry);
    expect(items.map((s) => s.id).sort((a, b) => a - b)).toEqual(sorted(ids.closedAnnaberg, ids.closedDresden));
    expect(items.every((s) => s.status === 'closed')).toBe(true);
  });

  it('gives a coordinator only the surveys of its communes, and one outside every survey none', async () => {
    const annaberg = await ctx.as('coordinator', { communes: [ctx.territory.annaberg] });
    const dresden = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    const outside = await ctx.as('coordinator', { communes: [lonely] });
    // Coordinators read results during fieldwork, so the running survey of their commune is listed too.
    expect(await idsOf(annaberg)).toEqual(sorted(ids.closedAnnaberg, ids.fieldAnnaberg));
    expect(await idsOf(dresden)).toEqual([ids.closedDresden]);
    expect(await idsOf(outside)).toEqual([]);
    expect((await outside.get(`/api/surveys/${ids.closedAnnaberg}/results`)).statusCode).toBe(403);
  });
});
