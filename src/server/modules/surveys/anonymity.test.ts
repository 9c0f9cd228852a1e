import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { publicThrottle } from './surveys.routes.ts';
import { COMPLETE_ANSWERS, hashOfCode, multipartFile, surveyInField } from './test-support.ts';

/*
 * The anonymity proof: after online submissions (with drafts before them), a paper return and an
 * import, every table of the database is read directly – listed from the catalogue, not from a
 * list kept by hand – and nothing may link a code, an address or a time finer than the day to a
 * response.
 */
const ADDRESS = '203.0.113.77';
const TIME_OF_DAY = /\d{2}:\d{2}(:\d{2})?/;

describe.each(DIALECTS)('anonymity of responses on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let surveyId: number;
  let usedCodes: string[];
  let openCodes: string[];

  async function tables(): Promise<string[]> {
    if (ctx.dialect === 'sqlite') {
      const r = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(ctx.db);
      return r.rows.map((x) => x.name);
    }
    const r = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
      ctx.db,
    );
    return r.rows.map((x) => x.table_name);
  }

  async function columns(table: string): Promise<Array<{ name: string; type: string }>> {
    if (ctx.dialect === 'sqlite') {
      const r = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(ctx.db);
      return r.rows;
    }
    const r = await sql<{
      name: string;
      type: string;
    }>`select column_name as name, data_type as type from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
      ctx.db,
    );
    return r.rows;
  }

  async function rowsOf(table: string): Promise<Array<Record<string, unknown>>> {
    return (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(ctx.db)).rows;
  }

  const cellText = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : v instanceof Uint8Array
        ? Buffer.from(v).toString('latin1')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    publicThrottle.reset();
    const A = ctx.territory.annaberg;
    const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 30);
    surveyId = survey.id;
    const inject = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
      ctx.app.inject({
        method,
        url,
        payload: payload as object,
        remoteAddress: ADDRESS,
        headers: { 'user-agent': 'Anon/1.0', 'accept-language': 'de' },
      });
    usedCodes = codes.slice(0, 20);
    openCodes = codes.slice(20);
    // Twenty online submissions, each with a saved draft before it, some drafts failing first.
    for (const [i, code] of usedCodes.entries()) {
      expect((await inject('POST', '/api/public/survey/open', { code })).statusCode).toBe(200);
      expect((await inject('PUT', '/api/public/survey/draft', { code, answers: { sicher_nachts: 'sehr_sicher' } })).statusCode).toBe(200);
      if (i % 3 === 0)
        expect((await inject('POST', '/api/public/survey/submit', { code, answers: { opfer_gedanke: 'oft' } })).statusCode).toBe(400);
      const res = await inject('POST', '/api/public/survey/submit', {
        code,
        answers: { ...COMPLETE_ANSWERS, anmerkungen: `Antwort Nummer ${i}` },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Two respondents stopped halfway: their drafts exist (and are the only place a code meets answers).
    for (const code of openCodes.slice(0, 2))
      await inject('PUT', '/api/public/survey/draft', { code, answers: { sicher_nachts: 'ziemlich_unsicher' } });
    expect((await lpr.post(`/api/surveys/${surveyId}/paper-returns`, { answers: { sicher_nachts: 'sehr_sicher' } })).statusCode).toBe(200);
    const { payload, headers } = multipartFile('r.csv', 'sicher_nachts\nsehr_unsicher\n', 'text/csv');
    const imported = await ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/imports/responses?mode=commit`,
      payload,
      headers: { ...headers, cookie: `praevis_session=${lpr.cookie}`, 'x-csrf-token': lpr.csrfToken! },
    });
    expect(imported.statusCode, imported.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('finds the survey tables among every table of the database', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThan(15);
    for (const t of ['surveys', 'survey_codes', 'survey_drafts', 'survey_responses', 'survey_response_texts']) expect(all).toContain(t);
    expect((await rowsOf('survey_responses')).filter((r) => r.survey_id === surveyId)).toHaveLength(22);
  });

  it('holds no code in any table but the code list, and drafts only of codes not yet used', async () => {
    const codes = [...usedCodes, ...openCodes].map(normalizeSurveyCode);
    expect(codes).toHaveLength(30);
    const usedHashes = await Promise.all(usedCodes.map((c) => hashOfCode(ctx.db, c)));
    const hashes = [...usedHashes, ...(await Promise.all(openCodes.map((c) => hashOfCode(ctx.db, c))))];
    const hits: string[] = [];
    for (const table of await tables()) {
      for (const row of await rowsOf(table)) {
        for (const [col, v] of Object.entries(row)) {
          const text = cellText(v).toUpperCase().replaceAll('-', '');
          const lower = cellText(v).toLowerCase();
          // No code is stored anywhere, not even in the code list.
          for (const c of codes) if (text.includes(c)) hits.push(`${table}.${col}: code`);
          if (table === 'survey_codes') continue;
          for (const h of hashes) if (lower.includes(h)) hits.push(`${table}.${col}: ${usedHashes.includes(h) ? 'used' : 'open'}`);
        }
      }
    }
    // The only hits: the two drafts of respondents who have not submitted, by their code's hash.
    expect(hits.sort()).toEqual(['survey_drafts.code_hash: open', 'survey_drafts.code_hash: open']);
    // The code list itself has no column that could point to a response or a time.
    expect((await columns('survey_codes')).map((c) => c.name).sort()).toEqual(['ags', 'batch', 'code_hash', 'id', 'state', 'survey_id']);
    const states = await ctx.db.selectFrom('survey_codes').select(['code_hash', 'state']).where('survey_id', '=', surveyId).execute();
    expect(
      states
        .filter((s) => s.state === 'used')
        .map((s) => s.code_hash)
        .sort(),
    ).toEqual(usedHashes.sort());
  });

  it('refers to no response from any other table (no audit entry, no log row names one)', async () => {
    const ids = (await rowsOf('survey_responses')).map((r) => String(r.id));
    const hits: string[] = [];
    for (const table of await tables()) {
      if (table === 'survey_responses' || table === 'survey_response_texts') continue;
      for (const row of await rowsOf(table))
        for (const [col, v] of Object.entries(row)) for (const id of ids) if (cellText(v).includes(id)) hits.push(`${table}.${col}`);
    }
    expect(hits).toEqual([]);
    // The texts table points only to responses, by the random key.
    expect((await columns('survey_response_texts')).map((c) => c.name).sort()).toEqual(['question_id', 'response_id', 'text']);
  });

  it('stores no address and no client detail anywhere', async () => {
    for (const table of await tables()) {
      for (const row of await rowsOf(table)) {
        for (const [col, v] of Object.entries(row)) {
          const text = cellText(v);
          expect(text.includes(ADDRESS), `${table}.${col}`).toBe(false);
          expect(text.includes('Anon/1.0'), `${table}.${col}`).toBe(false);
        }
      }
    }
  });

  it('keeps no time finer than the day in any table that holds codes, drafts or responses', async () => {
    for (const table of ['survey_codes', 'survey_drafts', 'survey_responses', 'survey_response_texts', 'survey_paper_entries']) {
      for (const c of await columns(table)) expect(c.type.toLowerCase(), `${table}.${c.name}`).not.toMatch(/time|date/);
      for (const row of await rowsOf(table)) {
        for (const [col, v] of Object.entries(row)) {
          if (col === 'answers' || col === 'answers_json' || col === 'text') continue;
          expect(cellText(v), `${table}.${col}`).not.toMatch(TIME_OF_DAY);
        }
      }
    }
    for (const r of await rowsOf('survey_responses')) expect(String(r.received_on)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Survey-level timestamps (created, updated) exist, but no survey row changes on a submission.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'survey')
      .where('entity_id', '=', String(surveyId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['survey.create', 'survey.codes', 'survey.start', 'survey.paper_return', 'survey.import']);
  });

  it('gives responses random keys (UUID version 4), stored in key order, not in the order of arrival', async () => {
    const stored = (await rowsOf('survey_responses')).filter((r) => r.survey_id === surveyId && r.channel === 'online');
    for (const r of stored) expect(String(r.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The answers tell the order of arrival (free text "Antwort Nummer i"); the keys must not.
    const texts = new Map((await rowsOf('survey_response_texts')).map((t) => [String(t.response_id), String(t.text)]));
    const byArrival = stored
      .map((r) => String(r.id))
      .sort((a, b) => Number(texts.get(a)!.split(' ').pop()) - Number(texts.get(b)!.split(' ').pop()));
    expect(byArrival).toHaveLength(20);
    expect(byArrival).not.toEqual([...byArrival].sort());
    if (ctx.dialect === 'sqlite') {
      // WITHOUT ROWID: a plain scan returns responses in key order; there is no hidden rowid of arrival.
      expect(stored.map((r) => String(r.id))).toEqual(stored.map((r) => String(r.id)).sort());
      await expect(sql`select rowid from survey_responses`.execute(ctx.db)).rejects.toThrow();
    }
  });

  it('on closing, leaves no hidden pairing of used codes and responses (PostgreSQL: xmin and physical order)', async () => {
    const closed = await lpr.post(`/api/surveys/${surveyId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    if (ctx.dialect !== 'postgres') return;
    const codeXmins = await sql<{
      x: string;
    }>`select xmin::text as x from survey_codes where survey_id = ${surveyId} and state = 'used'`.execute(ctx.db);
    const responseXmins = await sql<{ x: string }>`select xmin::text as x from survey_responses where survey_id = ${surveyId}`.execute(
      ctx.db,
    );
    // Every used code and every response now carries one and the same transaction id: no pair stands out.
    expect(new Set(codeXmins.rows.map((r) => r.x)).size).toBe(1);
    expect(new Set(responseXmins.rows.map((r) => r.x)).size).toBe(1);
    const scan = await sql<{ id: string }>`select id from survey_responses where survey_id = ${surveyId}`.execute(ctx.db);
    expect(scan.rows.map((r) => r.id)).toEqual(scan.rows.map((r) => r.id).sort());
    // Drafts are gone.
    expect(await ctx.db.selectFrom('survey_drafts').selectAll().where('survey_id', '=', surveyId).execute()).toEqual([]);
  });
});
