import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import type { Db } from '../../db/database.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';
import { gvText, SAXONY_SAMPLE } from './gv100ad.fixtures.ts';

const ROUTES = ['/api/admin/imports/gv100ad', '/api/admin/imports/directorates', '/api/admin/imports/boundaries'];
const GV100AD = Buffer.from(gvText(SAXONY_SAMPLE), 'utf8');
const DIRECTORATES = Buffer.from(
  'kreis_ags,kreis_name,polizeidirektion\n14625,Bautzen,Polizeidirektion Görlitz\n14626,Görlitz,Polizeidirektion Görlitz\n',
);
const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 0.1, y],
    [x + 0.1, y + 0.1],
    [x, y + 0.1],
    [x, y],
  ],
];
const BOUNDARIES = Buffer.from(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      ['14625020', 13.4],
      ['14625240', 13.5],
      ['14626110', 14.9],
    ].map(([ags, x]) => ({
      type: 'Feature',
      properties: { AGS: ags, GEN: `G ${ags}` },
      geometry: { type: 'Polygon', coordinates: square(x as number, 51.1) },
    })),
  }),
);

/** A multipart/form-data body with one file field. */
function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----praevis${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
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

async function counts(db: Db) {
  const n = async (t: 'municipalities' | 'districts' | 'audit_log' | 'boundaries' | 'police_directorates') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    municipalities: await n('municipalities'),
    districts: await n('districts'),
    audit: await n('audit_log'),
    boundaries: await n('boundaries'),
    directorates: await n('police_directorates'),
  };
}

describe.each(DIALECTS)('admin import routes on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let server: http.Server;
  let base: string;
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    // The local file server listens on 127.0.0.2, which the allow-list lets through; any other internal address stays refused.
    ctx = await createTestContext(dialect, { UPLOAD_LIMIT_BYTES: '100000', IMPORT_URL_ALLOW: '127.0.0.2' });
    admin = await ctx.as('admin');
    // A local file server for imports by URL (loopback only).
    server = http.createServer((req, res) => {
      const body = files.get(req.url ?? '');
      if (!body) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/octet-stream');
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    files.set('/GV100AD.zip', Buffer.from(zipSync({ 'GV100AD_301121.ASC': GV100AD, 'Hinweise.pdf': Buffer.from('%PDF-') })));
    files.set('/pd.csv', DIRECTORATES);
    files.set('/big.asc', Buffer.alloc(150_000, 0x20));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await ctx?.close();
  });

  it('admits admins only', async () => {
    for (const url of ROUTES) {
      expect((await ctx.anonymous.post(url, { url: `${base}/pd.csv` })).statusCode).toBe(401);
      for (const role of ['lpr', 'coordinator', 'police', 'ministry'] as Role[]) {
        const res = await upload(await ctx.as(role), url, 'x.asc', GV100AD);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
      }
    }
  });

  it('previews an upload with dryRun=true without saving anything', async () => {
    const before = await counts(ctx.db);
    const res = await upload(admin, '/api/admin/imports/gv100ad?dryRun=true', 'GV100AD.ASC', GV100AD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'gv100ad', dryRun: true, changed: true, state: '14', source: 'GV100AD.ASC' });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it('imports an uploaded GV100AD file, then the directorates and boundaries', async () => {
    const res = await upload(admin, '/api/admin/imports/gv100ad', 'GV100AD.ASC', GV100AD);
    expect(res.statusCode).toBe(200);
    expect(res.json().records).toMatchObject({ districts: 2, municipalities: 3 });
    // The file is Saxony's whole directory: the harness's seeded municipalities are not in it and become inactive.
    expect(res.json().counts).toMatchObject({ added: 3, removed: 3 });
    const names = await ctx.db
      .selectFrom('municipalities')
      .select('name')
      .where('ags', 'in', ['14625020', '14625240'])
      .orderBy('ags')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Bautzen / Budyšin, Stadt', 'Crostwitz / Chrósćicy']);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'territory.import.gv100ad')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe(admin.user!.email);

    const pd = await upload(admin, '/api/admin/imports/directorates', 'pd.csv', DIRECTORATES);
    expect(pd.statusCode).toBe(200);
    expect(pd.json().added).toEqual(['Polizeidirektion Görlitz']);

    const b = await upload(admin, '/api/admin/imports/boundaries?level=municipalities', 'g.geojson', BOUNDARIES);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ matched: 3, districtOutlines: 'derived' });
    expect(b.json().missingBoundaries).toEqual([]);
    const map = await ctx.anonymous.get('/api/map/municipalities');
    expect(map.statusCode).toBe(200);
    expect(Object.keys(map.json().topology.objects)).toEqual(['municipalities', 'districts']);

    const districts = await (await ctx.as('ministry')).get('/api/districts');
    expect(districts.statusCode).toBe(200);
    expect(districts.json().items.find((d: { ags: string }) => d.ags === '14626')).toMatchObject({
      name: 'Görlitz',
      directorateName: 'Polizeidirektion Görlitz',
      municipalityCount: 1,
    });
    expect((await ctx.anonymous.get('/api/districts')).statusCode).toBe(401);
  });

  it('imports from a URL, unpacking a ZIP like the publisher ships, and is idempotent', async () => {
    const res = await admin.post('/api/admin/imports/gv100ad', { url: `${base}/GV100AD.zip` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: false, source: expect.stringContaining('GV100AD_301121.ASC') });
    const pd = await admin.post('/api/admin/imports/directorates?dryRun=true', { url: `${base}/pd.csv` });
    expect(pd.json()).toMatchObject({ changed: false, dryRun: true });
  });

  it('refuses URLs of internal addresses with one message that says nothing of what answered', async () => {
    const before = await counts(ctx.db);
    const answers = [];
    for (const url of ['http://127.0.0.1:5432/', 'http://10.0.0.1/', 'http://[::1]/', `${base}/nothing.asc`]) {
      const res = await admin.post('/api/admin/imports/directorates', { url }, { headers: { 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(400);
      const { requestId: _id, ...problem } = res.json();
      answers.push(problem);
    }
    expect(answers[0]).toMatchObject({
      type: 'https://praevis.de/problems/import-url-refused',
      title: 'Cannot import from this address.',
      errors: [{ field: 'url', code: 'refused', message: answers[0].detail }],
    });
    for (const a of answers) expect(a).toEqual(answers[0]);
    const file = await admin.post('/api/admin/imports/directorates', { url: 'file:///etc/passwd' });
    expect(file.statusCode).toBe(400);
    expect(file.json().errors[0].field).toBe('body.url');
    expect(await counts(ctx.db)).toEqual(before);
  });

  it('answers bad requests with 4xx naming the field, never importing', async () => {
    const before = await counts(ctx.db);
    const none = await admin.post('/api/admin/imports/gv100ad');
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('file');
    const ftp = await admin.post('/api/admin/imports/gv100ad', { url: 'ftp://example.org/x.asc' });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().errors[0].field).toBe('body.url');
    const missing = await admin.post('/api/admin/imports/gv100ad', { url: `${base}/nothing.asc` });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      type: 'https://praevis.de/problems/import-url-refused',
      errors: [{ field: 'url', code: 'refused' }],
    });
    const tooBigUrl = await admin.post('/api/admin/imports/gv100ad', { url: `${base}/big.asc` });
    expect(tooBigUrl.json().errors[0]).toMatchObject({ field: 'url', code: 'too_big' });
    const tooBigUpload = await upload(admin, '/api/admin/imports/gv100ad', 'big.asc', Buffer.alloc(150_000, 0x20));
    expect(tooBigUpload.statusCode).toBe(413);
    const unreachable = await admin.post('/api/admin/imports/gv100ad', { url: 'http://127.0.0.2:1/x.asc' });
    expect([unreachable.json().detail, unreachable.json().errors]).toEqual([missing.json().detail, missing.json().errors]);

    const corrupt = Buffer.from(gvText(SAXONY_SAMPLE).replace('000000380060000001838', '00000038x060000001838'), 'utf8');
    const bad = await upload(admin, '/api/admin/imports/gv100ad', 'bad.asc', corrupt);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'line 5: population', code: 'not_a_number' })]);
    expect(bad.json().detail).toContain('nichts importiert');

    const wrongLevel = await upload(admin, '/api/admin/imports/boundaries?level=districts', 'g.geojson', BOUNDARIES);
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().errors[0].field).toBe('level');
    const unknownDistrict = await upload(
      admin,
      '/api/admin/imports/directorates',
      'pd.csv',
      Buffer.from('kreis_ags,polizeidirektion\n14625,PD A\n14730,PD B\n'),
    );
    expect(unknownDistrict.json().errors).toEqual([expect.objectContaining({ field: 'line 3: kreis_ags', code: 'unknown_district' })]);
    const truncatedMultipart = await admin.post('/api/admin/imports/gv100ad', multipart('x.asc', GV100AD).body.subarray(0, 300), {
      headers: multipart('x.asc', GV100AD).headers,
    });
    expect(truncatedMultipart.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncatedMultipart.statusCode).toBeLessThan(500);
    expect(await counts(ctx.db)).toEqual(before);
  });
});
