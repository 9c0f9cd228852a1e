import crypto from 'node:crypto';
import fs from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import type { Db } from '../../db/database.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';
import { REAL_FILES, sharedDataFile } from '../../test/shared-data.ts';
import { recomputeClearanceRate } from './pks-t01.parser.ts';
import { t01File, T01_ROWS } from './pks-t01.fixtures.ts';
import { scaledT01 } from './test-support.ts';
import { runDemo } from '../alliance/index.ts';
import { addDemoCrimeFigures, DEMO_CRIME_LABEL } from './crime-stats.demo.ts';

const REAL = sharedDataFile(REAL_FILES.pksT01);
const IMPORT = '/api/admin/imports/pks';

function multipart(filename: string, content: Buffer) {
  const boundary = `----praevis${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
function upload(client: Client, url: string, filename: string, content: Buffer) {
  const { body, headers } = multipart(filename, content);
  return client.post(url, body, { headers });
}
async function countOf(db: Db, t: 'crime_district_figures' | 'crime_municipality_figures' | 'audit_log' | 'crime_imports') {
  return Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe.each(DIALECTS)('crime statistics on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describe.runIf(REAL)('the real BKA T01 file 2022', () => {
    const real = () => fs.readFileSync(REAL!);

    it('previews (dry run) without storing, then imports 400 districts × 41 keys', async () => {
      const preview = await upload(admin, `${IMPORT}?year=2022&dryRun=true`, 'BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv', real());
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        dryRun: true,
        rows: 16_400,
        districts: 400,
        offenceKeys: 41,
        districtsInDirectory: 2,
        encoding: 'windows-1252',
        yearFrom: 'file-name',
        replaced: null,
      });
      expect(await countOf(ctx.db, 'crime_district_figures')).toBe(0);

      const res = await upload(admin, `${IMPORT}?year=2022`, 'BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv', real());
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().attribution).toEqual(['Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022']);
      const stats = await ctx.db
        .selectFrom('crime_district_figures')
        .where('year', '=', 2022)
        .select([
          (eb) => eb.fn.countAll<number>().as('rows'),
          (eb) => eb.fn.count<number>('district_ags').distinct().as('districts'),
          (eb) => eb.fn.count<number>('offence_key').distinct().as('keys'),
        ])
        .executeTakeFirstOrThrow();
      expect([Number(stats.rows), Number(stats.districts), Number(stats.keys)]).toEqual([16_400, 400, 41]);
      const flensburg = await ctx.db
        .selectFrom('crime_district_figures')
        .where('district_ags', '=', '01001')
        .where('offence_key', '=', '------')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(flensburg.district_name).toBe('Flensburg');
    });

    it('stores for every row a clearance rate equal to cleared / recorded at the file precision (0.1)', async () => {
      const rows = await ctx.db
        .selectFrom('crime_district_figures')
        .where('year', '=', 2022)
        .select(['cases', 'cleared', 'clearance_rate'])
        .execute();
      expect(rows).toHaveLength(16_400);
      const off = rows.filter((r) => {
        const again = recomputeClearanceRate(r.cases, r.cleared ?? 0);
        return again === null ? r.clearance_rate !== null : Math.abs(again - Number(r.clearance_rate)) > 0.05 + 1e-9;
      });
      expect(off).toEqual([]);
    });

    it('has the known values: Chemnitz, all offences, 2022: 20,084 cases, HZ 8,261', async () => {
      const res = await (await ctx.as('ministry')).get('/api/crime-stats/districts/14511');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.district).toMatchObject({ ags: '14511', name: 'Chemnitz', inDirectory: false });
      expect(body.series).toEqual([
        expect.objectContaining({ year: 2022, cases: 20_084, hz: 8_261, hzSource: 'file', clearanceRate: 65.6 }),
      ]);
      expect(body.offences).toHaveLength(41);
      expect(body.attribution[0]).toBe('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022');
    });

    it('re-importing the same year replaces it, audited; another year adds change and trend', async () => {
      const audit = await countOf(ctx.db, 'audit_log');
      const again = await upload(admin, `${IMPORT}?year=2022`, 'BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv', real());
      expect(again.statusCode).toBe(200);
      expect(again.json().replaced).toMatchObject({ rows: 16_400 });
      expect(await countOf(ctx.db, 'crime_district_figures')).toBe(16_400);
      expect(await countOf(ctx.db, 'audit_log')).toBe(audit + 1);
      const entry = await ctx.db.selectFrom('audit_log').orderBy('id', 'desc').selectAll().executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'crime-stats.import.pks.replace', entity_id: 'district:2022' });

      for (const [year, f] of [
        [2021, 0.9],
        [2020, 0.8],
      ] as const) {
        const res = await upload(admin, `${IMPORT}?year=${year}`, `t01-scaled-${year}.csv`, scaledT01(real(), f));
        expect(res.statusCode, res.body).toBe(200);
      }
      const list = await (await ctx.as('coordinator')).get('/api/crime-stats/districts?year=2022');
      expect(list.statusCode, list.body).toBe(200);
      const body = list.json();
      expect(body).toMatchObject({ year: 2022, state: '14', districtsInState: 13, districtsNational: 400, years: [2020, 2021, 2022] });
      expect(body.items).toHaveLength(13);
      const chemnitz = body.items.find((i: { ags: string }) => i.ags === '14511');
      expect(chemnitz).toMatchObject({ cases: 20_084, hz: 8_261, previousCases: Math.round(20_084 * 0.9) });
      expect(chemnitz.changeCasesPct).toBeCloseTo(11.1, 1);
      expect(chemnitz.trend5yPctPerYear).toBeGreaterThan(0);
      expect(chemnitz.trend5yYears).toBe(3);
      expect(chemnitz.rankInState).toBeGreaterThanOrEqual(1);
      expect(chemnitz.rankInState).toBeLessThanOrEqual(13);
      expect(body.stateHz).toBeGreaterThan(4000);
      expect(body.classBreaks.length).toBeGreaterThan(0);
      const all = await admin.get('/api/crime-stats/districts?year=2022&state=all&offence=892000');
      expect(all.json().items).toHaveLength(400);
      expect(all.json().offence.name).toBe('Gewaltkriminalität');
    });

    it('exports CSV and XLSX with the attribution and renders charts to SVG', async () => {
      const csv = await admin.get('/api/crime-stats/export?format=csv&year=2022');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Chemnitz');
      expect(csv.body).toContain('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022');
      const xlsx = await admin.get('/api/crime-stats/export?format=xlsx&year=2022');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const svg = await admin.get('/api/crime-stats/charts/district-series?districtAgs=14511');
      expect(svg.statusCode, svg.body).toBe(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toMatch(/^<svg/);
      expect(svg.body).toContain('Bundeskriminalamt');
      const bars = await admin.get('/api/crime-stats/charts/district-comparison?format=json&year=2022');
      expect(bars.json().table.rows).toHaveLength(13);
      const missing = await admin.get('/api/crime-stats/charts/district-series');
      expect(missing.statusCode).toBe(400);
    });
  });

  describe('bad input is refused with line numbers and nothing is stored', () => {
    const cases: [string, Buffer, string, RegExp][] = [
      [
        'text in a number column',
        t01File([T01_ROWS[0]!, T01_ROWS[1]!.replace('20,084', 'viele')]),
        'line 4: Anzahl erfasste Faelle',
        /not_a_number/,
      ],
      ['duplicate key rows', t01File([...T01_ROWS, T01_ROWS[0]!]), 'line 7: Schluessel', /duplicate/],
      ['no required header names', t01File(T01_ROWS, { header: 'Key;Name;Kreis;Faelle' }), 'line 1: header', /missing_header/],
      [
        'a year that contradicts the year given',
        t01File(T01_ROWS, { title: 'Polizeiliche Kriminalstatistik 2021, Tabelle T01' }),
        'line 1: year',
        /year_mismatch/,
      ],
    ];
    it.each(cases)('%s', async (_name, file, field, code) => {
      const before = {
        rows: await countOf(ctx.db, 'crime_district_figures'),
        imports: await countOf(ctx.db, 'crime_imports'),
        audit: await countOf(ctx.db, 'audit_log'),
      };
      const res = await upload(admin, `${IMPORT}?year=2023`, 'kreise.csv', file);
      expect(res.statusCode, res.body).toBe(400);
      const errors = res.json().errors as { field: string; code: string }[];
      expect(errors.map((e) => e.field)).toContain(field);
      expect(errors.map((e) => e.code).join(' ')).toMatch(code);
      expect({
        rows: await countOf(ctx.db, 'crime_district_figures'),
        imports: await countOf(ctx.db, 'crime_imports'),
        audit: await countOf(ctx.db, 'audit_log'),
      }).toEqual(before);
    });
  });

  it('lets only admin and LPR staff import (403 for the other roles)', async () => {
    for (const role of ['coordinator', 'police', 'ministry'] as Role[]) {
      const res = await upload(await ctx.as(role), `${IMPORT}?year=2019&dryRun=true`, 'kreise.csv', t01File());
      expect(res.statusCode, role).toBe(403);
    }
    const lpr = await upload(await ctx.as('lpr'), `${IMPORT}?year=2019&dryRun=true`, 'kreise.csv', t01File());
    expect(lpr.statusCode).toBe(200);
    expect((await ctx.anonymous.get('/api/crime-stats/districts')).statusCode).toBe(401);
  });

  it('edits the mapping offence key → fields of action (admin, LPR), audited', async () => {
    // The catalogue holds the keys of the imported files.
    expect((await upload(admin, `${IMPORT}?year=2019`, 'kreise.csv', t01File())).statusCode).toBe(200);
    const cat = (await admin.get('/api/crime-stats/offences')).json();
    expect(cat.fieldsOfAction.map((f: { code: string }) => f.code)).toEqual([
      'kpr-coordination',
      'graffiti',
      'littering',
      'public-violence',
      'extremism',
      'drugs',
    ]);
    const graffiti = cat.fieldsOfAction.find((f: { code: string }) => f.code === 'graffiti').id;
    const drugs = cat.fieldsOfAction.find((f: { code: string }) => f.code === 'drugs').id;
    const version = cat.offences.find((o: { key: string }) => o.key === '674000').version;
    const res = await (
      await ctx.as('lpr')
    ).put('/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [graffiti, drugs], version });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (await (await ctx.as('police')).put('/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [], version: version + 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await admin.put('/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [999], version: version + 1 })).statusCode,
    ).toBe(400);
  });

  describe('municipality figures', () => {
    let mappingId: number;
    let version: number;
    it('imports a CSV by a saved mapping; unknown names are listed for assignment, then imported', async () => {
      const m = await admin.post('/api/crime-stats/mappings', {
        name: 'LKA Sachsen Gemeinden',
        sourceLabel: 'Landeskriminalamt Sachsen',
        fixedOffenceKey: null,
        columns: { municipalityName: 'Gemeinde', offenceKey: 'Schlüssel', year: 'Jahr', cases: 'Fälle', cleared: 'aufgeklärt' },
      });
      expect(m.statusCode, m.body).toBe(201);
      mappingId = m.json().id;
      version = m.json().version;
      const csv = Buffer.from(
        'Jahr;Gemeinde;Schlüssel;Fälle;aufgeklärt\n2022;Annaberg-Buchholz;------;1.234;700\n2022;Aue-Bad Schlema;------;1100;600\n2022;Dresden, Stadt;------;45000;25000\n2022;Annaberg;892000;40;30\n',
        'latin1',
      );
      const preview = await upload(admin, `/api/admin/imports/crime-municipal?mappingId=${mappingId}&dryRun=true`, 'lka.csv', csv);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({ rows: 3, municipalities: 3, unmatched: [{ line: 5, name: 'Annaberg' }] });
      expect(preview.json().unmatched[0].suggestions).toContainEqual({ ags: '14521035', name: 'Annaberg-Buchholz' });
      const refused = await upload(admin, `/api/admin/imports/crime-municipal?mappingId=${mappingId}`, 'lka.csv', csv);
      expect(refused.statusCode).toBe(400);
      expect(await countOf(ctx.db, 'crime_municipality_figures')).toBe(0);

      const mapping = m.json();
      const put = await admin.put(`/api/crime-stats/mappings/${mappingId}`, {
        version,
        mapping: { name: mapping.name, sourceLabel: mapping.sourceLabel, columns: mapping.columns, assignments: { Annaberg: '14521035' } },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(
        (
          await admin.put(`/api/crime-stats/mappings/${mappingId}`, {
            version,
            mapping: { name: mapping.name, sourceLabel: 'x', columns: mapping.columns },
          })
        ).statusCode,
      ).toBe(409);
      const ok = await upload(admin, `/api/admin/imports/crime-municipal?mappingId=${mappingId}`, 'lka.csv', csv);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ rows: 4, years: [2022], unmatched: [] });
      expect(await countOf(ctx.db, 'crime_municipality_figures')).toBe(4);
    });

    it('imports XLSX with the same mapping and replaces the year from the same source', async () => {
      const rows = [
        ['Jahr', 'Gemeinde', 'Schlüssel', 'Fälle', 'aufgeklärt'],
        [2022, 'Annaberg-Buchholz', '------', 1300, 710],
        [2021, 'Annaberg-Buchholz', '------', 1200, 650],
      ];
      const xlsx = await writeXlsxFile(rows.map((r) => r.map((v) => ({ value: v }))) as never).toBuffer();
      const res = await upload(admin, `/api/admin/imports/crime-municipal?mappingId=${mappingId}`, 'lka.xlsx', xlsx);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ format: 'xlsx', rows: 2, years: [2021, 2022], replaced: 4 });
      const detail = await admin.get('/api/crime-stats/municipalities/14521035');
      expect(detail.statusCode, detail.body).toBe(200);
      expect(
        detail.json().series.map((s: { year: number; cases: number; hz: number; hzSource: string }) => [s.year, s.cases, s.hzSource]),
      ).toEqual([
        [2021, 1200, 'directory'],
        [2022, 1300, 'directory'],
      ]);
      expect(detail.json().series[1].hz).toBe(Math.round((1300 * 100_000) / 19_799));
      expect(detail.json().attribution).toContain('Gemeindezahlen: Landeskriminalamt Sachsen');
    });

    it('scopes municipality figures like the municipalities', async () => {
      await upload(
        admin,
        `/api/admin/imports/crime-municipal?mappingId=${mappingId}`,
        'lka2.csv',
        Buffer.from(
          'Jahr;Gemeinde;Schlüssel;Fälle;aufgeklärt\n2022;Annaberg-Buchholz;------;1300;710\n2022;Aue-Bad Schlema;------;1100;600\n2022;Dresden;------;45000;25000\n2021;Annaberg-Buchholz;------;1200;650\n',
        ),
      );
      const seen = async (c: Client) =>
        ((await c.get('/api/crime-stats/municipalities?year=2022')).json().items as { ags: string }[]).map((i) => i.ags);
      expect(await seen(await ctx.as('coordinator'))).toEqual(['14521035']);
      expect(await seen(await ctx.as('police'))).toEqual(['14521035', '14521040']);
      expect(await seen(await ctx.as('ministry'))).toEqual(['14521035', '14521040', '14612000']);
      expect(await seen(await ctx.as('lpr'))).toHaveLength(3);
      const coordinator = await ctx.as('coordinator');
      expect((await coordinator.get('/api/crime-stats/municipalities/14612000')).statusCode).toBe(403);
      expect((await coordinator.get('/api/crime-stats/municipalities/14999999')).statusCode).toBe(404);
      const list = (await coordinator.get('/api/crime-stats/municipalities?year=2022')).json();
      expect(list.items[0]).toMatchObject({ cases: 1300, changeCasesPct: 8.3, rankInDistrict: expect.any(Number), fictional: false });
      const csv = await coordinator.get('/api/crime-stats/export?level=municipalities&format=csv&year=2022');
      expect(csv.body).toContain('Annaberg-Buchholz');
      expect(csv.body).not.toContain('Dresden');
      const svg = await coordinator.get('/api/crime-stats/charts/municipality-series?ags=14521035');
      expect(svg.statusCode).toBe(200);
    });
  });

  it('praevis demo adds fictional municipality figures, labelled as such, without replacing real ones', async () => {
    const actor = { userId: null, label: 'cli:demo', requestId: null };
    await ctx.db.transaction().execute((trx) => runDemo(trx, actor, { force: true }));
    const r = await ctx.db.transaction().execute((trx) => addDemoCrimeFigures(trx, actor, {}));
    const res = await (await ctx.as('ministry')).get('/api/crime-stats/municipalities?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { fictional: boolean; sourceLabel: string }[];
    expect(items.length).toBe(r.municipalities);
    expect(items.every((i) => i.fictional && i.sourceLabel === DEMO_CRIME_LABEL)).toBe(true);
    if (items.length) expect(res.json().attribution.join(' ')).toContain('[Demo]');
  });
});
