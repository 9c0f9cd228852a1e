/*
 * Hostile input: values no one means are refused with 400 on both databases, before they reach
 * a recursive walk, an unpacker or a PostgreSQL `integer` column.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkZipLimits, unwrapZip, ZIP_LIMITS } from '../lib/import-source.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../test/harness.ts';
import { foundCouncil } from '../modules/councils/test-support.ts';
import { AppError } from './problem.ts';

const INT4_OVER = '2147483648';

/** One ZIP entry: its name, its deflated bytes, and the sizes and CRC its headers declare. */
interface RawEntry {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
}

function deflatedEntry(name: string, content: Buffer, declaredSize = content.length): RawEntry {
  return { name, deflated: zlib.deflateRawSync(content, { level: 9 }), size: declaredSize, crc: zlib.crc32(content) };
}

/** Writes a ZIP archive by hand, so one deflated body can be repeated and sizes can lie. */
function zipOf(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.deflated.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, e.deflated);
    central.push(dir, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}

const MB49 = Buffer.alloc(49 * 1024 * 1024, 0x20);
let bomb49: RawEntry | undefined;
/** 49 MB of spaces deflated once (about 50 KB), reused by the bombs. */
function bombEntry(name: string, declaredSize?: number): RawEntry {
  bomb49 ??= deflatedEntry('x', MB49);
  return { ...bomb49, name, size: declaredSize ?? bomb49.size };
}

function zipCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.fieldErrors?.[0]?.code;
    throw err;
  }
  return undefined;
}

describe('ZIP limits (the unpacker)', () => {
  const limits = { maxBytes: 50 * 1024 * 1024 };

  it('still unwraps an ordinary archive to its one matching member', () => {
    const text = Buffer.from('Zeile 1\nZeile 2\n'.repeat(1000));
    const zip = zipOf([deflatedEntry('liesmich.pdf', Buffer.from('%PDF-')), deflatedEntry('GV100AD.ASC', text)]);
    const out = unwrapZip({ name: 'gv.zip', data: zip }, /\.asc$/i, limits);
    expect(out.name).toBe('GV100AD.ASC (gv.zip)');
    expect(out.data.equals(text)).toBe(true);
  });

  it('stops at more than the entry limit', () => {
    const tiny = deflatedEntry('x', Buffer.from('a'));
    const zip = zipOf(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ ...tiny, name: `teil-${i}.txt` })));
    expect(zipCode(() => unwrapZip({ name: 'z.zip', data: zip }, /\.asc$/i, limits))).toBe('zip_entries');
    expect(zipCode(() => checkZipLimits(zip, limits))).toBe('zip_entries');
  });

  it('stops a member that unpacks far beyond its packed size, even when its header declares little', () => {
    const zip = zipOf([bombEntry('GV100AD.ASC', 1000)]);
    expect(zip.length).toBeLessThan(200_000);
    expect(zipCode(() => unwrapZip({ name: 'z.zip', data: zip }, /\.asc$/i, limits))).toBe('zip_ratio');
    expect(zipCode(() => checkZipLimits(zip, limits))).toBe('zip_ratio');
  });

  it('counts the real unpacked bytes against the size limit', () => {
    const text = crypto.randomBytes(300_000).toString('base64');
    const zip = zipOf([deflatedEntry('GV100AD.ASC', Buffer.from(text), 10)]);
    expect(zipCode(() => unwrapZip({ name: 'z.zip', data: zip }, /\.asc$/i, { maxBytes: 100_000 }))).toBe('too_big');
  });
});

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses JSON nested 10,000 deep with 400, signed in or not', async () => {
    for (const raw of [nested(10_000), nestedArrays(10_000), nestedArrays(100_000)]) {
      for (const [client, url] of [
        [ctx.anonymous, '/api/auth/login'],
        [ctx.anonymous, '/api/public/survey/open'],
        [ctx.anonymous, '/api/public/survey/submit'],
        [admin, '/api/users'],
      ] as const) {
        const res = await client.post(url, undefined, { raw });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().errors[0]).toMatchObject({ field: 'body', code: 'too_deep' });
      }
    }
  });

  it('lets a body within the depth limit through to the ordinary validation', async () => {
    const res = await ctx.anonymous.post('/api/auth/login', undefined, { raw: nested(30) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors?.[0]?.code).not.toBe('too_deep');
  });

  it('refuses ids that are not plain decimals, and ids beyond the integer column', async () => {
    for (const id of ['0x10', '1e1', '+16', '%2016', '016', '16.0', '-1', '0', INT4_OVER, '99999999999']) {
      const res = await admin.get(`/api/users/${id}`);
      expect(res.statusCode, `${id}: ${res.body}`).toBe(400);
    }
    expect((await admin.get(`/api/users/${admin.user!.id}`)).statusCode).toBe(200);
  });

  it(`answers 400 to the id ${INT4_OVER} on every route that reaches an integer column`, async () => {
    const get = [
      `/api/projects?fieldId=${INT4_OVER}`,
      `/api/audit?actorUserId=${INT4_OVER}`,
      `/api/users/${INT4_OVER}`,
      `/api/surveys/${INT4_OVER}`,
      `/api/surveys/1/questionnaire/versions/${INT4_OVER}`,
      `/api/surveys/${INT4_OVER}/questionnaire/versions/1`,
      `/api/surveys/1/codes/batches/${INT4_OVER}/codes.csv`,
      `/api/surveys/1/codes/batches/${INT4_OVER}/letters.pdf`,
      `/api/municipalities?directorateId=${INT4_OVER}`,
      `/api/councils/${INT4_OVER}`,
      `/api/people/${INT4_OVER}`,
      `/api/organisations/${INT4_OVER}`,
      `/api/crime-stats/mappings/${INT4_OVER}`,
      `/api/projects/${INT4_OVER}`,
      `/api/audit?page=${INT4_OVER}`,
    ];
    for (const url of get) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    }
    const patch = await admin.patch(`/api/users/${INT4_OVER}`, { version: 1, displayName: 'X' });
    expect(patch.statusCode, patch.body).toBe(400);
    const reset = await admin.post(`/api/users/${INT4_OVER}/reset-password`, {});
    expect(reset.statusCode, reset.body).toBe(400);
    const crime = await admin.post(`/api/admin/imports/crime-municipal?mappingId=${INT4_OVER}`, undefined, {
      raw: 'x',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(crime.statusCode, crime.body).toBe(400);
    const body = await admin.post('/api/users', {
      email: 'int4@example.org',
      displayName: 'Int Vier',
      role: 'police',
      directorateId: Number(INT4_OVER),
    });
    expect(body.statusCode, body.body).toBe(400);
  });

  it('refuses meetings on 0000-01-01 and 9999-12-31, and takes one within the range', async () => {
    const coordinator = await ctx.as('coordinator');
    const council = await foundCouncil(coordinator, [ctx.territory.annaberg]);
    for (const date of ['0000-01-01', '9999-12-31', '1989-12-31', '2101-01-01']) {
      const res = await coordinator.post(`/api/councils/${council.id}/meetings`, { date, startTime: '18:00', endTime: '20:00' });
      expect(res.statusCode, `${date}: ${res.body}`).toBe(400);
      expect(res.json().errors.some((e: { field: string }) => e.field.endsWith('date'))).toBe(true);
    }
    const ok = await coordinator.post(`/api/councils/${council.id}/meetings`, { date: '2026-03-10', startTime: '18:00', endTime: '20:00' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses bidirectional control characters in names', async () => {
    const person = {
      ags: ctx.territory.annaberg,
      firstName: 'Max',
      lastName: 'Muster',
      function: 'Mitglied',
      email: null,
      phone: null,
      legalBasis: 'public_task',
      purpose: 'Mitgliederverwaltung des Präventionsrates',
    };
    for (const ch of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200F', '\u061C']) {
      const res = await admin.post('/api/people', { ...person, lastName: `Muster${ch}exe.pdf` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.some((e: { field: string }) => e.field.endsWith('lastName'))).toBe(true);
    }
    const user = await admin.post('/api/users', { email: 'rlo@example.org', displayName: 'Eva \u202Erevo', role: 'ministry' });
    expect(user.statusCode, user.body).toBe(400);
    const council = await admin.post('/api/councils', {
      name: 'Rat \u2067x',
      municipalities: [ctx.territory.annaberg],
      foundingResolutionDate: '2024-03-14',
    });
    expect(council.statusCode, council.body).toBe(400);
    expect((await admin.post('/api/people', { ...person, lastName: 'Müller-Lüdenscheidt' })).statusCode).toBe(201);
  });

  it('refuses ZIP bombs with 400 and keeps the memory of the process under 300 MB', async () => {
    const upload = (zip: Buffer) => {
      const boundary = `----praevis${crypto.randomBytes(8).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="GV100AD.zip"\r\nContent-Type: application/zip\r\n\r\n`,
        ),
        zip,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return admin.post('/api/admin/imports/gv100ad?dryRun=true', payload, {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const bombs = {
      // 40 entries of 49 MB each in about 2 MB, as found: 1.9 GB if unpacked whole.
      manyLarge: zipOf(Array.from({ length: 40 }, (_, i) => bombEntry(`GV100AD_${i}.ASC`))),
      // Entries beyond the limit, each small.
      manyEntries: zipOf(Array.from({ length: ZIP_LIMITS.maxEntries + 500 }, (_, i) => deflatedEntry(`teil-${i}.txt`, Buffer.from('a')))),
      // One member of 49 MB whose header claims 1 KB.
      highRatio: zipOf([bombEntry('GV100AD.ASC', 1000)]),
    };
    const before = process.memoryUsage().rss;
    let peak = before;
    for (const [kind, zip] of Object.entries(bombs)) {
      const res = await upload(zip);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(400);
      expect(res.json().errors[0].code, kind).toMatch(/^zip_(ratio|entries|member)$/);
    }
    expect(peak - before).toBeLessThan(300 * 1024 * 1024);
  });
});
