import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { publicThrottle } from './surveys.routes.ts';
import { codesOfSurvey, COMPLETE_ANSWERS, createSurvey, hashOfCode, surveyInField } from './test-support.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

describe.each(DIALECTS)('the public questionnaire on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    A = ctx.territory.annaberg;
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => publicThrottle.reset());

  const open = (code: string, lang = 'de', remoteAddress = '127.0.0.1') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/survey/open',
      payload: { code },
      headers: { 'accept-language': lang },
      remoteAddress,
    });
  const draft = (code: string, answers: unknown) =>
    ctx.app.inject({ method: 'PUT', url: '/api/public/survey/draft', payload: { code, answers }, headers: { 'accept-language': 'de' } });
  const submit = (code: string, answers: unknown, lang = 'de') =>
    ctx.app.inject({ method: 'POST', url: '/api/public/survey/submit', payload: { code, answers }, headers: { 'accept-language': lang } });
  const codeRow = async (code: string) =>
    ctx.db
      .selectFrom('survey_codes')
      .selectAll()
      .where('code_hash', '=', await hashOfCode(ctx.db, code))
      .executeTakeFirstOrThrow();
  const responsesOf = (surveyId: number) => ctx.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId).execute();

  it('opens with a code in any spelling, without a session and without setting a cookie', async () => {
    const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 2);
    const res = await open(codes[0]!.toLowerCase().replaceAll('-', ' '));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      survey: { title: 'Sicherheit in der Stadt 2026', fieldEnd: addDays(todayBerlin(), 30) },
      questionnaireVersion: 1,
      answers: {},
      state: 'unused',
      savedOn: null,
    });
    expect(body.definition.sections.length).toBeGreaterThan(2);
    expect((await codeRow(codes[0]!)).state).toBe('unused');
    expect(survey.id).toBeGreaterThan(0);
  });

  it('saves a partly answered questionnaire and resumes it with the code', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const partial = { sicher_nachts: 'sehr_unsicher', meiden: { orte: 'ja' } };
    const saved = await draft(codes[0]!, partial);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ savedOn: todayBerlin() });
    expect((await codeRow(codes[0]!)).state).toBe('started');
    const resumed = (await open(codes[0]!)).json();
    expect(resumed).toMatchObject({ answers: partial, state: 'started', savedOn: todayBerlin() });
    // A second save replaces the draft.
    await draft(codes[0]!, { ...partial, opfer_gedanke: 'oft' });
    expect((await open(codes[0]!)).json().answers).toEqual({ ...partial, opfer_gedanke: 'oft' });
  });

  it('refuses answers that violate their question by question id, and keeps every valid answer of the draft', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const res = await draft(codes[0]!, {
      sicher_nachts: 'sehr_sicher', // valid
      opfer_gedanke: 3, // wrong type
      inzivilitaet: { graffiti: 'riesig', muell: 'gross' }, // one unknown scale code, one valid row
      haushalt: 50, // out of range 1..20
      opfer: ['diebstahl'], // valid
      opfer_anzahl: 1.5, // not an integer
      anmerkungen: 'x'.repeat(2001), // longer than the question allows
      erfunden: 'ja', // no such question
    });
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.detail).toMatch(/übrigen Antworten sind gespeichert/);
    const byField = Object.fromEntries(p.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(byField).toEqual({
      'answers.opfer_gedanke': 'wrong_type',
      'answers.inzivilitaet.graffiti': 'unknown_option',
      'answers.haushalt': 'out_of_range',
      'answers.opfer_anzahl': 'wrong_type',
      'answers.anmerkungen': 'too_long',
      'answers.erfunden': 'unknown_question',
    });
    expect(p.errors.find((e: { field: string }) => e.field === 'answers.anmerkungen').message).toBe('Der Text ist zu lang.');
    expect((await open(codes[0]!)).json().answers).toEqual({
      sicher_nachts: 'sehr_sicher',
      inzivilitaet: { muell: 'gross' },
      opfer: ['diebstahl'],
    });
  });

  it('refuses free text beyond any limit at the door with a field error, in English too', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/public/survey/draft',
      payload: { code: codes[0], answers: { anmerkungen: 'y'.repeat(9000) } },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^body\.answers\.anmerkungen/);
    expect(res.json().title).toBe('The input is invalid.');
  });

  it('keeps the answers as a draft when a submission fails validation', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const { sicher_nachts: _omitted, ...withoutRequired } = COMPLETE_ANSWERS;
    const res = await submit(codes[0]!, withoutRequired);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'answers.sicher_nachts', code: 'required', message: 'Bitte beantworten Sie diese Frage.' },
    ]);
    expect(res.json().detail).toMatch(/Ihre Antworten sind gespeichert/);
    const resumed = (await open(codes[0]!)).json();
    expect(resumed.answers).toEqual(withoutRequired);
    expect((await codeRow(codes[0]!)).state).toBe('started');
    // With the missing answer added, the same code submits.
    const ok = await submit(codes[0]!, { ...resumed.answers, sicher_nachts: 'sehr_sicher' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('submits once: the response is stored without the code, the code marked used, the draft deleted', async () => {
    const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 2);
    await draft(codes[0]!, { sicher_nachts: 'sehr_sicher' });
    const res = await submit(codes[0]!, COMPLETE_ANSWERS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ receivedOn: todayBerlin() });
    expect(res.json().message.de).toMatch(/anonym/);
    expect((await codeRow(codes[0]!)).state).toBe('used');
    expect(await ctx.db.selectFrom('survey_drafts').selectAll().where('survey_id', '=', survey.id).execute()).toEqual([]);
    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ags: A, questionnaire_version: 1, channel: 'online', received_on: todayBerlin() });
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const texts = await ctx.db.selectFrom('survey_response_texts').selectAll().where('response_id', '=', rows[0]!.id).execute();
    expect(texts).toEqual([{ response_id: rows[0]!.id, question_id: 'anmerkungen', text: 'Mehr Licht am Bahnhof.' }]);
    // Used: opening, saving and submitting again are refused with a clear message.
    for (const again of [await open(codes[0]!), await submit(codes[0]!, COMPLETE_ANSWERS), await draft(codes[0]!, {})]) {
      expect(again.statusCode).toBe(422);
      expect(again.json().errors[0]).toMatchObject({ field: 'code', code: 'code_used' });
      expect(again.json().detail).toMatch(/bereits abgeschickt/);
    }
    expect(await responsesOf(survey.id)).toHaveLength(1);
    const en = await open(codes[0]!, 'en');
    expect(en.json().detail).toMatch(/already been submitted/);
    // The answers recorded the questionnaire version they answered.
    const def = (await lpr.get(`/api/surveys/${survey.id}/questionnaire`)).json().definition;
    def.sections[0].questions[0].text.de = 'Neu formuliert';
    expect((await lpr.put(`/api/surveys/${survey.id}/questionnaire`, { basedOnVersion: 1, definition: def })).statusCode).toBe(201);
    expect((await submit(codes[1]!, COMPLETE_ANSWERS)).statusCode).toBe(200);
    expect((await responsesOf(survey.id)).map((r) => r.questionnaire_version).sort()).toEqual([1, 2]);
  });

  it('stores exactly one response when the same code is submitted twice at once', async () => {
    const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const results = await Promise.all([
      submit(codes[0]!, COMPLETE_ANSWERS),
      submit(codes[0]!, COMPLETE_ANSWERS),
      submit(codes[0]!, COMPLETE_ANSWERS),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422, 422]);
    expect(await responsesOf(survey.id)).toHaveLength(1);
  });

  it('refuses unknown and malformed codes', async () => {
    await surveyInField(lpr, ctx.db, [A], 1);
    for (const code of ['ABCD-EFGH-JKLM', 'ABC', '0000-1111-OOOO']) {
      const res = await open(code);
      expect(res.statusCode).toBe(404);
      expect(res.json().errors[0]).toMatchObject({ field: 'code', code: 'unknown_code' });
      expect(res.json().detail).toMatch(/Schreibweise/);
    }
  });

  it('refuses outside the field period: before its start, after its end, when closed, while a draft', async () => {
    const future = await createSurvey(lpr, [A], { fieldStart: addDays(todayBerlin(), 3), fieldEnd: addDays(todayBerlin(), 30) });
    await lpr.post(`/api/surveys/${future.id}/codes`, { ags: A, count: 1 });
    const [futureCode] = await codesOfSurvey(ctx.db, future.id);
    const inDraft = await open(futureCode!);
    expect(inDraft.statusCode).toBe(422);
    expect(inDraft.json().errors[0].code).toBe('not_yet_open');
    await lpr.post(`/api/surveys/${future.id}/start`, {});
    const early = await open(futureCode!);
    expect(early.json().errors[0].code).toBe('not_yet_open');
    expect(early.json().detail).toMatch(/beginnt am/);

    const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 3);
    expect((await draft(codes[0]!, { sicher_nachts: 'sehr_sicher' })).statusCode).toBe(200);
    // The last day of the field period is still open (inclusive), the day after is not.
    const lastDay = await lpr.patch(`/api/surveys/${survey.id}`, { version: survey.version, fieldEnd: todayBerlin() });
    expect(lastDay.statusCode, lastDay.body).toBe(200);
    expect((await open(codes[1]!)).statusCode).toBe(200);
    const over = await lpr.patch(`/api/surveys/${survey.id}`, { version: lastDay.json().version, fieldEnd: addDays(todayBerlin(), -1) });
    expect(over.statusCode, over.body).toBe(200);
    for (const res of [await open(codes[1]!), await submit(codes[0]!, COMPLETE_ANSWERS), await draft(codes[0]!, {})]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ field: 'code', code: 'field_period_over' });
      expect(res.json().detail).toMatch(/Die Befragung ist beendet/);
    }
    await lpr.patch(`/api/surveys/${survey.id}`, { version: over.json().version, fieldEnd: addDays(todayBerlin(), 5) });
    const closed = await lpr.post(`/api/surveys/${survey.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await open(codes[2]!)).json().errors[0].code).toBe('field_period_over');
    // Closing deleted the unsent draft.
    expect(await ctx.db.selectFrom('survey_drafts').selectAll().where('survey_id', '=', survey.id).execute()).toEqual([]);
  });

  it('limits failed attempts per address, not successful ones: a shared address keeps working', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 80);
    // 80 respondents behind one address open and submit: nothing is refused.
    for (const code of codes) expect((await open(code, 'de', '10.0.0.1')).statusCode).toBe(200);
    for (let i = 0; i < publicThrottle.limits.failuresPerAddress; i += 1)
      expect((await open('ZZZZ-ZZZZ-ZZZ2', 'de', '10.0.0.2')).statusCode).toBe(404);
    const blocked = await open(codes[0]!, 'de', '10.0.0.2');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().detail).toMatch(/einige Minuten/);
    // Another address is unaffected.
    expect((await open(codes[0]!, 'de', '10.0.0.3')).statusCode).toBe(200);
  });

  it('limits the requests of one code, whatever the address', async () => {
    const { codes } = await surveyInField(lpr, ctx.db, [A], 2);
    for (let i = 0; i < publicThrottle.limits.requestsPerCode; i += 1)
      expect((await open(codes[0]!, 'de', `10.1.0.${i % 200}`)).statusCode).toBe(200);
    expect((await open(codes[0]!, 'de', '10.2.0.1')).statusCode).toBe(429);
    expect((await open(codes[1]!, 'de', '10.2.0.1')).statusCode).toBe(200);
  });

  it('records nothing of the public requests in the audit trail', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { codes } = await surveyInField(lpr, ctx.db, [A], 1);
    const staff = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await draft(codes[0]!, { sicher_nachts: 'sehr_sicher' });
    await submit(codes[0]!, COMPLETE_ANSWERS);
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(staff.n));
    expect(Number(staff.n)).toBe(Number(before.n) + 3); // create, codes, start
  });
});
