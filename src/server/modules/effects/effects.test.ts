import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { StatewideEffectsSchema, type EffectEstimate } from '../../../shared/effects.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { METHOD_VERSION } from './did.ts';
import { statewideEffects } from './index.ts';
import { addMunicipalFigures, buildAgreement, buildFundedProject } from './test-support.ts';

/*
 * Effects through the API on both dialects: Annaberg-Buchholz signs an agreement in 2020 and its
 * street crime (899000, field "Gewalt im öffentlichen Raum") then falls by 30 % while fourteen
 * similar municipalities of the Erzgebirgskreis follow the common year pattern; Aue-Bad Schlema has
 * signed too, and a small municipality with an agreement has too few cases for an estimate.
 */
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023];
const YEAR_FACTOR = [1, 0.97, 1.02, 0.95, 0.9, 0.93, 0.96];

describe.each(DIALECTS)('effects on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let aue: string;
  let small: string;
  let projectId: number;
  let agreementId: number;
  const others: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    aue = ctx.territory.aue;
    lpr = await ctx.as('lpr');
    for (let i = 0; i < 14; i++) {
      const m = await buildMunicipality(ctx.db, {
        ags: `14521${String(100 + i)}`,
        district_ags: ctx.territory.erzgebirge,
        name: `Vergleichsgemeinde ${i + 1}`,
        population: 15_000 + i * 300,
      });
      others.push(m.ags);
    }
    small = (
      await buildMunicipality(ctx.db, { ags: '14521300', district_ags: ctx.territory.erzgebirge, name: 'Kleinhausen', population: 900 })
    ).ags;
    const rows: { ags: string; offence_key: string; year: number; cases: number }[] = [];
    const add = (ags: string, population: number, rate: number, effectFrom: number | null, effect: number) =>
      YEARS.forEach((year, t) => {
        const planted = effectFrom !== null && year > effectFrom ? effect : 1;
        const wobble = 1 + (((ags.charCodeAt(7) * 31 + t * 17) % 11) - 5) / 400; // ±1.25 %, deterministic
        rows.push({
          ags,
          offence_key: '899000',
          year,
          cases: Math.round(((population * rate) / 100_000) * YEAR_FACTOR[t]! * planted * wobble),
        });
        rows.push({ ags, offence_key: '674000', year, cases: Math.round(((population * rate) / 300_000) * YEAR_FACTOR[t]! * wobble) });
      });
    add(A, 19_799, 1_200, 2020, 0.7);
    add(aue, 19_961, 1_150, null, 1);
    others.forEach((ags, i) => add(ags, 15_000 + i * 300, 1_000 + i * 20, null, 1));
    add(small, 900, 400, null, 1);
    await addMunicipalFigures(ctx.db, rows);
    agreementId = await buildAgreement(ctx.db, A, '2020-05-01');
    await buildAgreement(ctx.db, aue, '2019-03-01');
    await buildAgreement(ctx.db, small, '2020-02-01');
    projectId = await buildFundedProject(ctx.db, A, 'graffiti', '2020-06-01');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const find = (list: EffectEstimate[], kind: string, field: string) =>
    list.find((e) => e.interventionKind === kind && e.field.code === field)!;

  it('estimates the planted fall of street crime after the agreement, with its interval and the comparison group', async () => {
    const res = await lpr.get(`/api/effects/municipalities/${A}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.methodVersion).toBe(METHOD_VERSION);
    const e = find(body.estimates, 'agreement', 'public-violence');
    expect(e).toMatchObject({
      methodVersion: METHOD_VERSION,
      interventionId: agreementId,
      suppressed: null,
      outcome: { level: 'municipality', offenceKeys: ['899000'], preYears: [2017, 2018, 2019], postYears: [2021, 2022, 2023] },
      comparison: { source: 'automatic' },
    });
    expect(e.comparison.units.length).toBe(10);
    expect(e.result!.ciLow).toBeLessThan(0.7);
    expect(e.result!.ciHigh).toBeGreaterThan(0.7);
    expect(e.result!.ciHigh).toBeLessThan(1);
    expect(e.result!.noReliableEffect).toBe(false);
    // graffiti did not change: the estimate shows its interval and no reliable effect
    const g = find(body.estimates, 'agreement', 'graffiti');
    expect(g.result!.noReliableEffect).toBe(true);
    expect(g.result!.ciLow).toBeLessThan(1);
    expect(g.result!.ciHigh).toBeGreaterThan(1);
    // a field without mapped offences shows the reason only
    expect(find(body.estimates, 'agreement', 'extremism')).toMatchObject({ result: null, suppressed: 'no-offences-mapped' });
  });

  it('never uses a comparison municipality that has the intervention itself, automatically or when chosen', async () => {
    const list: EffectEstimate[] = (await lpr.get(`/api/effects/municipalities/${A}`)).json().estimates;
    for (const e of list.filter((x) => x.interventionKind === 'agreement')) {
      const used = e.comparison.units.map((u) => u.ags);
      expect(used).not.toContain(aue);
      expect(used).not.toContain(small);
      expect(used).not.toContain(A);
    }
    const refused = await lpr.put(`/api/effects/comparisons/agreement/${agreementId}/public-violence`, {
      units: [others[0], others[1], aue],
      reason: 'Nachbargemeinden',
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'units', code: 'comparison_has_intervention' });
    expect(refused.json().detail).toContain(aue);
  });

  it('the minimum-size rule suppresses an estimate and gives only the reason', async () => {
    const res = await lpr.get(`/api/effects/municipalities/${small}`);
    expect(res.statusCode).toBe(200);
    const e = find(res.json().estimates, 'agreement', 'public-violence');
    expect(e.result).toBeNull();
    expect(e.suppressed).toBe('too-few-cases');
  });

  it('the LPR chooses the comparison group: recorded, versioned, audited; a stale version is refused', async () => {
    const url = `/api/effects/comparisons/agreement/${agreementId}/public-violence`;
    const units = others.slice(0, 4);
    const res = await lpr.put(url, { units, reason: 'Gleiche Größe, gleiche Pendlerlage' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().comparison).toMatchObject({ source: 'chosen', version: 1, reason: 'Gleiche Größe, gleiche Pendlerlage' });
    expect(res.json().comparison.units.map((u: { ags: string }) => u.ags)).toEqual(units);
    expect(res.json().result.rateRatio).toBeLessThan(0.8);
    const again = await lpr.put(url, { units: others.slice(0, 3), reason: 'ohne Version' });
    expect(again.statusCode).toBe(409);
    const next = await lpr.put(url, { version: 1, units: others.slice(1, 5), reason: 'korrigiert' });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().comparison.version).toBe(2);
    const stale = await lpr.put(url, { version: 1, units: others.slice(0, 3), reason: 'veraltet' });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .where('entity_type', '=', 'effect_comparison')
      .select(['action', 'after_json'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.after_json!).reason).toBe('korrigiert');
    const coordinator = await ctx.as('coordinator', { communes: [A] });
    expect((await coordinator.put(url, { version: 2, units, reason: 'Versuch' })).statusCode).toBe(403);
    const noFigures = await lpr.put(url, { version: 2, units: [...others.slice(0, 3), ctx.territory.dresdenCity], reason: 'Dresden' });
    expect(noFigures.statusCode).toBe(422);
    expect(noFigures.json().errors[0].code).toBe('comparison_without_figures');
  });

  it('returns to the automatic choice: versioned, audited; coordinator, police and ministry may neither choose nor return', async () => {
    const url = `/api/effects/comparisons/project/${projectId}/graffiti`;
    const chosen = await lpr.put(url, { units: others.slice(0, 3), reason: 'Nur gleich große Kommunen' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().comparison).toMatchObject({ source: 'chosen', version: 1 });

    const coordinator = await ctx.as('coordinator', { communes: [A] });
    const police = await ctx.as('police');
    const ministry = await ctx.as('ministry');
    for (const other of [coordinator, police, ministry]) {
      expect((await other.put(url, { version: 1, units: others.slice(3, 6), reason: 'Versuch' })).statusCode).toBe(403);
      expect((await other.delete(`${url}?version=1`)).statusCode).toBe(403);
    }

    expect((await lpr.delete(url)).statusCode).toBe(400);
    const stale = await lpr.delete(`${url}?version=2`);
    expect(stale.statusCode).toBe(409);

    const admin = await ctx.as('admin');
    const back = await admin.delete(`${url}?version=1`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().comparison).toMatchObject({ source: 'automatic', reason: null, version: null });
    expect(back.json().comparison.units.map((u: { ags: string }) => u.ags)).not.toEqual(others.slice(0, 3));
    const after = await lpr.get(`/api/effects/projects/${projectId}`);
    expect(find(after.json().estimates, 'project', 'graffiti').comparison.source).toBe('automatic');

    expect((await lpr.delete(`${url}?version=1`)).statusCode).toBe(404);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .where('entity_type', '=', 'effect_comparison')
      .where('action', '=', 'delete')
      .select(['before_json', 'after_json'])
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ kind: 'project', field: 'graffiti', version: 1, units: others.slice(0, 3) });

    // A new choice after the return starts again at version 1.
    const again = await lpr.put(url, { units: others.slice(2, 5), reason: 'Neu gewählt' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().comparison.version).toBe(1);
    expect((await lpr.delete(`${url}?version=1`)).statusCode).toBe(200);
  });

  it("a funded project's effect in its own field, with projects of that field excluded", async () => {
    const res = await lpr.get(`/api/effects/projects/${projectId}`);
    expect(res.statusCode, res.body).toBe(200);
    const list: EffectEstimate[] = res.json().estimates;
    expect(list.map((e) => e.field.code)).toEqual(['graffiti']);
    expect(list[0]).toMatchObject({ interventionKind: 'project', outcome: { offenceKeys: ['674000'] } });
    expect(list[0]!.result!.noReliableEffect).toBe(true);
    expect((await lpr.get('/api/effects/projects/999999')).statusCode).toBe(404);
  });

  it('rows are scoped: a coordinator its commune, police their directorate, the ministry everything', async () => {
    const coordinator = await ctx.as('coordinator', { communes: [A] });
    expect((await coordinator.get(`/api/effects/municipalities/${A}`)).statusCode).toBe(200);
    expect((await coordinator.get(`/api/effects/municipalities/${aue}`)).statusCode).toBe(403);
    const ownState = (await coordinator.get('/api/effects/statewide?year=2023')).json();
    const ags = new Set(ownState.fields.flatMap((f: { estimates: EffectEstimate[] }) => f.estimates.map((e) => e.ags)));
    expect([...ags]).toEqual([A]);
    const police = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    expect((await police.get(`/api/effects/municipalities/${A}`)).statusCode).toBe(200);
    const otherPolice = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    expect((await otherPolice.get(`/api/effects/municipalities/${A}`)).statusCode).toBe(403);
    expect((await otherPolice.get(`/api/effects/projects/${projectId}`)).statusCode).toBe(403);
    const ministry = await ctx.as('ministry');
    const all = (await ministry.get('/api/effects/statewide?year=2023')).json();
    const violence = all.fields.find((f: { field: { code: string } }) => f.field.code === 'public-violence');
    expect(violence.interventions).toBe(3);
    expect(violence.shown).toBe(2);
    expect(violence.suppressedBy).toEqual([{ reason: 'too-few-cases', count: 1 }]);
    expect((await ctx.anonymous.get('/api/effects/statewide?year=2023')).statusCode).toBe(401);
  });

  it('statewideEffects for the annual report: per field of action, only interventions started before the year', async () => {
    const s = StatewideEffectsSchema.parse(await statewideEffects(ctx.db, { year: 2023 }));
    expect(s.fields.map((f) => f.field.code)).toEqual([
      'kpr-coordination',
      'graffiti',
      'littering',
      'public-violence',
      'extremism',
      'drugs',
    ]);
    expect(s.fields.find((f) => f.field.code === 'extremism')).toMatchObject({ shown: 0, reason: 'no-offences-mapped', pooled: null });
    const violence = s.fields.find((f) => f.field.code === 'public-violence')!;
    expect(violence.pooled!.ciHigh).toBeLessThan(1.2);
    // figures after the year are left out: with 2020 only the transition year lies after the 2020 agreements
    const early = await statewideEffects(ctx.db, { year: 2020 });
    const v2020 = early.fields.find((f) => f.field.code === 'public-violence')!;
    expect(v2020.estimates.map((e) => e.ags)).toEqual([aue]);
    expect(v2020.estimates[0]!.outcome.postYears).toEqual([2020]);
  });

  it("a security analysis' follow-up compares its baseline year with the latest figures", async () => {
    const analysis = await ctx.db
      .insertInto('security_analyses')
      .values({
        ags: A,
        contractor: 'Forschungsgruppe',
        started_on: '2020-03-01',
        created_at: '2020-01-01T00:00:00.000Z',
        updated_at: '2020-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await lpr.get(`/api/effects/security-analyses/${analysis.id}/follow-up`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({ methodVersion: METHOD_VERSION, ags: A, baselineYear: 2019 });
    const violence = f.fields.find((x: { field: { code: string } }) => x.field.code === 'public-violence');
    expect(violence).toMatchObject({ level: 'municipality', latestYear: 2023, suppressed: null, noReliableEffect: false });
    // 0.7 × 0.96 / 1.02 of the planted pattern, within the rounding of the counts
    expect(violence.rateRatio).toBeCloseTo((0.7 * 0.96) / 1.02, 1);
    expect(violence.latestCases / violence.baselineCases).toBeCloseTo(violence.rateRatio, 12);
    expect(f.fields.find((x: { field: { code: string } }) => x.field.code === 'drugs')).toMatchObject({ suppressed: 'no-offences-mapped' });
    const otherPolice = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    expect((await otherPolice.get(`/api/effects/security-analyses/${analysis.id}/follow-up`)).statusCode).toBe(403);
  });

  it('exports every estimate with the comparison group and the method version (CSV, XLSX), scoped', async () => {
    const csv = await lpr.get(`/api/effects/export?format=csv&ags=${A}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toContain('Methode (Version)');
    expect(lines[0]).toContain('Vergleichsgruppe (AGS)');
    const violence = lines.find((l) => l.includes('Gewalt im öffentlichen Raum') && l.includes('Kooperationsvereinbarung'))!;
    expect(violence).toContain(METHOD_VERSION);
    expect(violence).toContain(others[1]);
    expect(lines.some((l) => l.includes('no-offences-mapped'))).toBe(true);
    const xlsx = await lpr.get('/api/effects/export?format=xlsx&year=2023');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const coordinator = await ctx.as('coordinator', { communes: [aue] });
    const own = (await coordinator.get('/api/effects/export?format=csv')).body.split('\r\n');
    expect(own.filter((l) => l.includes(A))).toEqual([]);
    expect(own.some((l) => l.includes(aue))).toBe(true);
    expect((await coordinator.get(`/api/effects/export?format=csv&ags=${A}`)).statusCode).toBe(403);
  });

  it('writes the export in the language asked for (lang, else Accept-Language): English labels, German ones unchanged, ISO dates in both', async () => {
    /** The header and the agreement's row in street crime of a CSV export. */
    const csvOf = async (query: string, headers?: Record<string, string>) => {
      const res = await lpr.get(`/api/effects/export?format=csv&ags=${A}${query}`, { headers });
      expect(res.statusCode, res.body).toBe(200);
      const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
      const row = lines.find((l) => l.startsWith(`${METHOD_VERSION};`) && l.includes(`;${agreementId};`) && l.includes(';899000'));
      expect(row, res.body).toBeDefined();
      return { header: lines[0]!, row: row!, body: res.body };
    };

    const en = await csvOf('&lang=en');
    expect(en.header.split(';').slice(0, 8)).toEqual([
      'Method (version)',
      'Intervention',
      'Intervention no.',
      'Name',
      'AGS',
      'Municipality',
      'Start',
      'Field of action',
    ]);
    // The agreement's own title (here "Kooperationsvereinbarung <AGS>") is the user's and stays as written.
    expect(en.row.split(';')[1]).toBe('Cooperation agreement');
    expect(en.row).toContain(';2020-05-01;Violence in public space;Municipality;');
    expect(en.row).toContain(';fewer cases;');
    // How the comparison group was chosen: automatically, or by the LPR as an earlier test of this file does.
    expect(en.row).toMatch(/;(automatic|chosen \([^;]*\));/);
    expect(en.body).toContain('Source: Police crime statistics');
    expect(en.body).toContain('\r\nSurvey indices\r\n');
    for (const german of [
      ';Kooperationsvereinbarung;',
      'Gewalt im öffentlichen Raum',
      ';Gemeinde;',
      'weniger Fälle',
      'automatisch',
      'gewählt (',
      'Quelle',
    ])
      expect(en.body).not.toContain(german);
    // The language of the request when the address names none, as the API's problems.
    expect((await csvOf('', { 'accept-language': 'en-GB,en;q=0.9' })).row).toBe(en.row);

    const de = await csvOf('');
    expect(de.header.split(';').slice(0, 3)).toEqual(['Methode (Version)', 'Maßnahme', 'Maßnahme Nr.']);
    expect(de.row.split(';')[1]).toBe('Kooperationsvereinbarung');
    expect(de.row).toContain(';2020-05-01;Gewalt im öffentlichen Raum;Gemeinde;');
    expect(de.row).toContain(';weniger Fälle;');
    expect((await csvOf('&lang=de', { 'accept-language': 'en' })).row).toBe(de.row);

    const xlsx = await lpr.get(`/api/effects/export?format=xlsx&ags=${A}&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const book = await readXlsxFile(xlsx.rawPayload);
    expect(book.map((s) => s.sheet)).toEqual(['Effects', 'Survey indices']);
    expect(book[0]!.data[0]![0]).toBe('Method (version)');
    expect(book[0]!.data.some((r) => r.includes('Violence in public space') && r.includes('2020-05-01'))).toBe(true);
  });
});
