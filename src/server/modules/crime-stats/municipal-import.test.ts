import crypto from 'node:crypto';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import type { Db } from '../../db/database.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';
import { suggestColumns } from './municipal-import.ts';
import { t01File, T01_ROWS } from './pks-t01.fixtures.ts';

/*
 * What the web pages of the crime statistics need beyond the imports themselves: reading a
 * municipality file's columns to map them, the versioned offence → field-of-action mapping, and
 * a municipality's page data (every key of its latest year, the population behind the HZ).
 */
const COLUMNS = '/api/admin/imports/crime-municipal/columns';
const MUNICIPAL = '/api/admin/imports/crime-municipal';

function upload(client: Client, url: string, filename: string, content: Buffer) {
  const boundary = `----praevis${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.post(url, body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
async function countOf(db: Db, t: 'audit_log' | 'crime_municipality_figures' | 'crime_import_mappings') {
  return Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
// The fixture rows plus the Erzgebirgskreis's all-offences row, the district of the municipalities below.
const T01 = t01File([
  ...T01_ROWS,
  '------;Straftaten insgesamt;14521;Erzgebirgskreis;LK;10,057;3,060;500;5.0;1;1;6,517;64.8;4,000;3,000;1,000;500;12.5',
]);
const xlsxOf = (sheets: { name: string; rows: (string | number)[][] }[]) =>
  writeXlsxFile(sheets.map((s) => ({ sheet: s.name, data: s.rows.map((r) => r.map((v) => ({ value: v }))) })) as never).toBuffer();

// A state police file as delivered: a title line, a blank line, the header, rows (ISO-8859-1).
const LKA_CSV = Buffer.from(
  [
    'Polizeiliche Kriminalstatistik Sachsen 2022 – Gemeinden',
    '',
    'Berichtsjahr;Gemeindeschlüssel;Gemeinde;Straftatenschlüssel;erfasste Fälle;aufgeklärte Fälle;Aufklärungsquote;Tatverdächtige insgesamt;Einwohner',
    '2022;14521035;Annaberg-Buchholz;------;1.234;700;56,7;600;20000',
    '2022;14521040;Aue-Bad Schlema;------;1.100;600;54,5;500;',
    '2022;14521035;Annaberg-Buchholz;674000;120;30;25,0;28;20000',
    '2021;14521035;Annaberg-Buchholz;------;1.000;550;55,0;480;20100',
  ].join('\r\n'),
  'latin1',
);

describe('suggested columns', () => {
  it('recognise the header names of state police files, each column once', () => {
    expect(
      suggestColumns([
        'Berichtsjahr',
        'Gemeindeschlüssel',
        'Gemeinde',
        'Straftatenschlüssel',
        'erfasste Fälle',
        'aufgeklärte Fälle',
        'Aufklärungsquote',
        'Tatverdächtige insgesamt',
        'Einwohner',
      ]),
    ).toEqual({
      ags: 'Gemeindeschlüssel',
      municipalityName: 'Gemeinde',
      offenceKey: 'Straftatenschlüssel',
      year: 'Berichtsjahr',
      cases: 'erfasste Fälle',
      suspects: 'Tatverdächtige insgesamt',
      cleared: 'aufgeklärte Fälle',
      population: 'Einwohner',
    });
    expect(suggestColumns(['Jahr', 'Stadt/Gemeinde', 'Schlüssel', 'Fälle', 'nichtdeutsche Tatverdächtige'])).toEqual({
      ags: null,
      municipalityName: 'Stadt/Gemeinde',
      offenceKey: 'Schlüssel',
      year: 'Jahr',
      cases: 'Fälle',
      suspects: null,
      cleared: null,
      population: null,
    });
    expect(suggestColumns([])).toMatchObject({ ags: null, cases: null });
  });
});

describe.each(DIALECTS)('crime statistics for the web pages on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describe('reading a municipality file to map its columns', () => {
    it('finds the header below a title, lists the columns, the first rows and suggestions; stores nothing', async () => {
      const audit = await countOf(ctx.db, 'audit_log');
      const res = await upload(admin, COLUMNS, 'lka-2022.csv', LKA_CSV);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        source: 'lka-2022.csv',
        format: 'csv',
        encoding: 'windows-1252',
        sheets: [],
        sheet: null,
        delimiter: ';',
        headerLine: 3,
        dataRows: 4,
        columns: [
          'Berichtsjahr',
          'Gemeindeschlüssel',
          'Gemeinde',
          'Straftatenschlüssel',
          'erfasste Fälle',
          'aufgeklärte Fälle',
          'Aufklärungsquote',
          'Tatverdächtige insgesamt',
          'Einwohner',
        ],
        suggested: {
          ags: 'Gemeindeschlüssel',
          municipalityName: 'Gemeinde',
          offenceKey: 'Straftatenschlüssel',
          year: 'Berichtsjahr',
          cases: 'erfasste Fälle',
          cleared: 'aufgeklärte Fälle',
          suspects: 'Tatverdächtige insgesamt',
          population: 'Einwohner',
        },
      });
      expect(body.sample).toHaveLength(4);
      expect(body.sample[0]).toEqual(['2022', '14521035', 'Annaberg-Buchholz', '------', '1.234', '700', '56,7', '600', '20000']);
      expect(await countOf(ctx.db, 'audit_log')).toBe(audit);
    });

    it('lists the sheets of an XLSX file and reads the one chosen; an unknown sheet is refused at the field', async () => {
      const xlsx = await xlsxOf([
        { name: 'Hinweise', rows: [['Quelle: Landeskriminalamt Sachsen']] },
        {
          name: 'Gemeinden',
          rows: [
            ['Jahr', 'Gemeinde', 'Schlüssel', 'Fälle'],
            [2022, 'Annaberg-Buchholz', '------', 1300],
          ],
        },
      ]);
      const first = await upload(admin, COLUMNS, 'lka.xlsx', xlsx);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        format: 'xlsx',
        encoding: null,
        sheets: ['Hinweise', 'Gemeinden'],
        sheet: 'Hinweise',
        headerLine: null,
        columns: [],
      });
      const chosen = await upload(admin, `${COLUMNS}?sheet=Gemeinden`, 'lka.xlsx', xlsx);
      expect(chosen.statusCode, chosen.body).toBe(200);
      expect(chosen.json()).toMatchObject({
        sheet: 'Gemeinden',
        headerLine: 1,
        columns: ['Jahr', 'Gemeinde', 'Schlüssel', 'Fälle'],
        sample: [['2022', 'Annaberg-Buchholz', '------', '1300']],
        dataRows: 1,
      });
      expect(chosen.json().suggested).toMatchObject({
        year: 'Jahr',
        municipalityName: 'Gemeinde',
        offenceKey: 'Schlüssel',
        cases: 'Fälle',
        ags: null,
      });
      const missing = await upload(admin, `${COLUMNS}?sheet=Kreise`, 'lka.xlsx', xlsx);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([
        expect.objectContaining({ field: 'sheet', code: 'not_found', message: 'Blätter: Hinweise, Gemeinden' }),
      ]);
    });

    it('refuses a broken CSV with its line, and a request without a file', async () => {
      const broken = await upload(admin, COLUMNS, 'kaputt.csv', Buffer.from('Jahr;Gemeinde;Fälle\n2022;"Aue;5\n'));
      expect(broken.statusCode).toBe(400);
      expect(broken.json().errors[0]).toMatchObject({ field: 'line 2: file', code: 'csv_syntax' });
      const none = await admin.post(COLUMNS);
      expect(none.statusCode).toBe(400);
      expect(none.json().errors[0]).toMatchObject({ field: 'file', code: 'required' });
    });

    it('is open to admin and council staff only', async () => {
      for (const role of ['coordinator', 'police', 'ministry'] as Role[]) {
        expect((await upload(await ctx.as(role), COLUMNS, 'lka.csv', LKA_CSV)).statusCode, role).toBe(403);
      }
      expect((await upload(await ctx.as('lpr'), COLUMNS, 'lka.csv', LKA_CSV)).statusCode).toBe(200);
      expect((await upload(ctx.anonymous, COLUMNS, 'lka.csv', LKA_CSV)).statusCode).toBe(401);
    });
  });

  describe('the offence → field-of-action mapping is versioned', () => {
    it('changes with the version it is based on, audited; a stale version gets 409 with the current entry', async () => {
      expect((await upload(admin, '/api/admin/imports/pks?year=2022', 'kreise.csv', T01)).statusCode).toBe(200);
      const lpr = await ctx.as('lpr');
      const cat = (await lpr.get('/api/crime-stats/offences')).json();
      const entry = cat.offences.find((o: { key: string }) => o.key === '674000');
      expect(entry).toMatchObject({ key: '674000', version: 1, fieldsOfAction: [expect.objectContaining({ code: 'graffiti' })] });
      const ids = Object.fromEntries(cat.fieldsOfAction.map((f: { code: string; id: number }) => [f.code, f.id]));

      const saved = await lpr.put('/api/crime-stats/offences/674000/fields-of-action', {
        fieldIds: [ids.graffiti, ids.littering],
        version: 1,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const after = saved.json().offences.find((o: { key: string }) => o.key === '674000');
      expect(after).toMatchObject({ version: 2 });
      expect(after.fieldsOfAction.map((f: { code: string }) => f.code)).toEqual(['graffiti', 'littering']);
      const audit = await ctx.db
        .selectFrom('audit_log')
        .where('entity_type', '=', 'crime-offence')
        .where('entity_id', '=', '674000')
        .orderBy('id', 'desc')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe('crime-stats.offence-fields.set');
      expect(JSON.parse(audit.before_json!)).toEqual(['graffiti']);
      expect(JSON.parse(audit.after_json!)).toEqual(['graffiti', 'littering']);

      // A second editor still on version 1: refused, nothing changed, the current entry returned.
      const auditCount = await countOf(ctx.db, 'audit_log');
      const stale = await admin.put('/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [], version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({
        key: '674000',
        version: 2,
        fieldsOfAction: [expect.objectContaining({ code: 'graffiti' }), expect.objectContaining({ code: 'littering' })],
      });
      expect(await countOf(ctx.db, 'audit_log')).toBe(auditCount);
      const unchanged = (await admin.get('/api/crime-stats/offences')).json().offences.find((o: { key: string }) => o.key === '674000');
      expect(unchanged.fieldsOfAction).toHaveLength(2);

      // Emptying the list is a change like any other.
      const emptied = await admin.put('/api/crime-stats/offences/674000/fields-of-action', { fieldIds: [], version: 2 });
      expect(emptied.statusCode, emptied.body).toBe(200);
      expect(emptied.json().offences.find((o: { key: string }) => o.key === '674000')).toMatchObject({ version: 3, fieldsOfAction: [] });
      // A re-import renames keys but keeps the version.
      expect((await upload(admin, '/api/admin/imports/pks?year=2022', 'kreise.csv', T01)).statusCode).toBe(200);
      expect((await admin.get('/api/crime-stats/offences')).json().offences.find((o: { key: string }) => o.key === '674000').version).toBe(
        3,
      );
    });

    it('refuses a key outside the catalogue (404), an unknown field (400, at the field) and a missing version (400)', async () => {
      const version = (await admin.get('/api/crime-stats/offences'))
        .json()
        .offences.find((o: { key: string }) => o.key === '------').version;
      expect((await admin.put('/api/crime-stats/offences/999999/fields-of-action', { fieldIds: [], version: 1 })).statusCode).toBe(404);
      const unknown = await admin.put('/api/crime-stats/offences/------/fields-of-action', { fieldIds: [99_999], version });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'fieldIds', code: 'unknown' })]);
      const noVersion = await admin.put('/api/crime-stats/offences/------/fields-of-action', { fieldIds: [] });
      expect(noVersion.statusCode).toBe(400);
      expect(
        noVersion
          .json()
          .errors.map((e: { field: string }) => e.field)
          .join(' '),
      ).toContain('version');
      expect(
        (await (await ctx.as('coordinator')).put('/api/crime-stats/offences/------/fields-of-action', { fieldIds: [], version }))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('a municipality page', () => {
    it('has every key of the latest year, the population behind the HZ and its source', async () => {
      const m = await admin.post('/api/crime-stats/mappings', {
        name: 'LKA Sachsen 2022',
        sourceLabel: 'Landeskriminalamt Sachsen',
        columns: {
          ags: 'Gemeindeschlüssel',
          municipalityName: 'Gemeinde',
          offenceKey: 'Straftatenschlüssel',
          year: 'Berichtsjahr',
          cases: 'erfasste Fälle',
          cleared: 'aufgeklärte Fälle',
          suspects: 'Tatverdächtige insgesamt',
          population: 'Einwohner',
        },
      });
      expect(m.statusCode, m.body).toBe(201);
      const imported = await upload(admin, `${MUNICIPAL}?mappingId=${m.json().id}`, 'lka-2022.csv', LKA_CSV);
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ rows: 4, years: [2021, 2022], municipalities: 2 });

      const annaberg = await (await ctx.as('coordinator')).get('/api/crime-stats/municipalities/14521035');
      expect(annaberg.statusCode, annaberg.body).toBe(200);
      const body = annaberg.json();
      expect(body.latestYear).toBe(2022);
      expect(
        body.series.map(
          (p: {
            year: number;
            cases: number;
            population: number;
            hz: number;
            hzSource: string;
            clearanceRate: number;
            suspects: number;
          }) => [p.year, p.cases, p.population, p.hz, p.hzSource, p.clearanceRate, p.suspects],
        ),
      ).toEqual([
        [2021, 1000, 20_100, Math.round((1000 * 100_000) / 20_100), 'file', 55, 480],
        [2022, 1234, 20_000, 6170, 'file', 56.7, 600],
      ]);
      expect(body.series[1]).toMatchObject({ changeCasesPct: 23.4, comparisonHz: 3060 });
      expect(body.offences).toEqual([
        { key: '------', name: 'Straftaten insgesamt', summary: true, cases: 1234, hz: 6170, clearanceRate: 56.7, changeCasesPct: 23.4 },
        {
          key: '674000',
          name: 'Sachbeschädigung §§ 303-305a StGB',
          summary: false,
          cases: 120,
          hz: 600,
          clearanceRate: 25,
          changeCasesPct: null,
        },
      ]);
      expect(body.attribution).toEqual([
        'Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2021–2022',
        'Gemeindezahlen: Landeskriminalamt Sachsen',
      ]);

      // Aue has no population in the file: the directory's, and the source says so.
      const aue = (await admin.get('/api/crime-stats/municipalities/14521040')).json();
      expect(aue.series).toEqual([
        expect.objectContaining({
          year: 2022,
          cases: 1100,
          population: 19_961,
          hzSource: 'directory',
          hz: Math.round((1100 * 100_000) / 19_961),
        }),
      ]);

      // A key without municipal figures: no series, but the keys that exist, with their source.
      const violent = (await admin.get('/api/crime-stats/municipalities/14521035?offence=892000')).json();
      expect(violent).toMatchObject({
        series: [],
        latestYear: 2022,
        attribution: ['Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2022', 'Gemeindezahlen: Landeskriminalamt Sachsen'],
      });
      expect(violent.offences).toHaveLength(2);
    });

    it('is empty for a municipality without figures', async () => {
      const dresden = await admin.get('/api/crime-stats/municipalities/14612000');
      expect(dresden.statusCode, dresden.body).toBe(200);
      expect(dresden.json()).toMatchObject({
        municipality: { ags: '14612000', name: 'Dresden' },
        series: [],
        latestYear: null,
        offences: [],
        trend5yPctPerYear: null,
      });
    });
  });
});
