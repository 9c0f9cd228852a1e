import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { COMPLETE_ANSWERS, createSurvey, multipartFile, surveyInField } from './test-support.ts';

describe.each(DIALECTS)('paper returns and imports on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;
  let D: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B, dresdenCity: D } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const responses = (id: number) => ctx.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', id).execute();
  const paper = (id: number, body: Record<string, unknown>, client = lpr) => client.post(`/api/surveys/${id}/paper-returns`, body);
  const upload = (id: number, csv: string, mode: 'preview' | 'commit', client = lpr) => {
    const { payload, headers } = multipartFile('ruecklauf.csv', csv, 'text/csv');
    return ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${id}/imports/responses?mode=${mode}`,
      payload,
      headers: { ...headers, cookie: `praevis_session=${client.cookie}`, 'x-csrf-token': client.csrfToken!, 'accept-language': 'de' },
    });
  };

  describe('paper returns', () => {
    it('stores a single entry as a paper response of the municipality; answers need not be complete', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const res = await paper(survey.id, { answers: { opfer_gedanke: 'nie', opfer: ['nichts'] } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'stored', differences: [], responses: 1 });
      const rows = await responses(survey.id);
      expect(rows).toMatchObject([{ channel: 'paper', ags: A, questionnaire_version: 1 }]);
      const detail = (await lpr.get(`/api/surveys/${survey.id}`)).json();
      expect(detail.responses).toEqual({ total: 1, online: 0, paper: 1, import: 0 });
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'survey.paper_return')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.after_json!)).toEqual({ entry: 'single', status: 'stored', differences: 0 });
    });

    it('refuses answers that violate their question, by question id, and stores nothing', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const res = await paper(survey.id, { answers: { sicher_nachts: 'vielleicht', haushalt: 0 } });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['answers.haushalt', 'answers.sicher_nachts']);
      expect(await responses(survey.id)).toHaveLength(0);
    });

    it('double entry: stores only when the second entry agrees, else lists the differing questions', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const second = await ctx.as('lpr');
      const first = await paper(survey.id, { answers: COMPLETE_ANSWERS, sheet: '17', entry: 'first' });
      expect(first.json()).toMatchObject({ status: 'pending', responses: 0 });
      expect((await lpr.get(`/api/surveys/${survey.id}`)).json().pendingPaperEntries).toBe(1);
      const typo = { ...COMPLETE_ANSWERS, sicher_nachts: 'sehr_sicher', opfer: ['diebstahl', 'einbruch'] };
      const differs = await paper(survey.id, { answers: typo, sheet: '17', entry: 'second' }, second);
      expect(differs.statusCode).toBe(200);
      expect(differs.json().status).toBe('differs');
      expect(differs.json().differences).toEqual([
        { questionId: 'sicher_nachts', first: 'ziemlich_sicher', second: 'sehr_sicher' },
        { questionId: 'opfer', first: ['diebstahl'], second: ['diebstahl', 'einbruch'] },
      ]);
      expect(await responses(survey.id)).toHaveLength(0);
      // The order of multiple choices does not matter; the agreeing second entry stores the response.
      const agree = await paper(
        survey.id,
        { answers: { ...COMPLETE_ANSWERS, opfer: ['diebstahl'] }, sheet: '17', entry: 'second' },
        second,
      );
      expect(agree.json()).toEqual({ status: 'stored', differences: [], responses: 1 });
      expect((await lpr.get(`/api/surveys/${survey.id}`)).json().pendingPaperEntries).toBe(0);
      const again = await paper(survey.id, { answers: COMPLETE_ANSWERS, sheet: '17', entry: 'second' });
      expect(again.statusCode).toBe(422);
      expect(again.json().errors[0].field).toBe('sheet');
    });

    it('double entry needs a sheet number that is not an access code', async () => {
      const { survey, codes } = await surveyInField(lpr, ctx.db, [A], 1);
      expect((await paper(survey.id, { answers: {}, entry: 'first' })).json().errors[0]).toMatchObject({
        field: 'sheet',
        code: 'required',
      });
      const asCode = await paper(survey.id, { answers: {}, entry: 'first', sheet: codes[0] });
      expect(asCode.statusCode).toBe(400);
      expect(asCode.json().errors[0]).toMatchObject({ field: 'sheet', code: 'is_code' });
    });

    it('needs a municipality of the survey, within the scope of a coordinator; only during fieldwork', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A, B], 1);
      expect((await paper(survey.id, { answers: {}, ags: D })).statusCode).toBe(400);
      const coordB = await ctx.as('coordinator', { communes: [B] });
      expect((await paper(survey.id, { answers: {}, ags: A }, coordB)).statusCode).toBe(403);
      expect((await paper(survey.id, { answers: {} }, coordB)).statusCode).toBe(403);
      expect((await paper(survey.id, { answers: {}, ags: B }, coordB)).json().status).toBe('stored');
      const draft = await createSurvey(lpr, [A]);
      expect((await paper(draft.id, { answers: {} })).statusCode).toBe(422);
    });

    it('refuses to close while double entries wait, unless they are discarded explicitly', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      await paper(survey.id, { answers: COMPLETE_ANSWERS, sheet: 'A-1', entry: 'first' });
      const refused = await lpr.post(`/api/surveys/${survey.id}/close`, {});
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toMatch(/Zweiterfassung/);
      const closed = await lpr.post(`/api/surveys/${survey.id}/close`, { discardPendingPaperEntries: true });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(await ctx.db.selectFrom('survey_paper_entries').selectAll().where('survey_id', '=', survey.id).execute()).toEqual([]);
    });
  });

  describe('CSV import of returns', () => {
    const header = 'sicher_nachts;opfer_gedanke;meiden_orte;opfer_diebstahl;opfer_einbruch;opfer_anzahl;anmerkungen;altersgruppe;ags';

    it('previews, then commits all returns; cells as option codes or codebook values', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A, B], 1);
      const csv = [
        header,
        `sehr_sicher;1;ja;2;1;2;"Licht; mehr Licht";a25_34;${A}`,
        `4;oft;2;nein;nein;;;7;${B}`,
        `ziemlich_sicher;;;;;;;;`,
      ].join('\r\n');
      const preview = await upload(survey.id, csv, 'preview');
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({ mode: 'preview', rows: 3, valid: 3, stored: 0, errors: [], unknownColumns: [] });
      expect(await responses(survey.id)).toHaveLength(0);
      const commit = await upload(survey.id, csv, 'commit');
      expect(commit.statusCode, commit.body).toBe(201);
      expect(commit.json()).toMatchObject({ mode: 'commit', stored: 3 });
      const rows = await responses(survey.id);
      expect(rows.map((r) => r.channel)).toEqual(['import', 'import', 'import']);
      expect(rows.map((r) => r.ags).sort()).toEqual([A, B, null].sort());
      const texts = await ctx.db
        .selectFrom('survey_response_texts')
        .select('text')
        .where(
          'response_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      expect(texts).toEqual([{ text: 'Licht; mehr Licht' }]);
      // The decoded answers (every option 'nein' is no answer to the question, as in the codebook).
      const { decodeAnswers, bytesToVector } = await import('../../../shared/survey-questionnaire.ts');
      const def = (await lpr.get(`/api/surveys/${survey.id}/questionnaire`)).json().definition;
      const decoded = rows
        .map((r) => decodeAnswers(def, bytesToVector(new Uint8Array(r.answers))))
        .sort((a, b) => String(a.sicher_nachts).localeCompare(String(b.sicher_nachts)));
      expect(decoded).toEqual(
        [
          {
            sicher_nachts: 'sehr_sicher',
            opfer_gedanke: 'nie',
            meiden: { orte: 'ja' },
            opfer: ['diebstahl'],
            opfer_anzahl: 2,
            altersgruppe: 'a25_34',
            anmerkungen: undefined,
          },
          { sicher_nachts: 'sehr_unsicher', opfer_gedanke: 'oft', meiden: { orte: 'nein' }, altersgruppe: 'a75' },
          { sicher_nachts: 'ziemlich_sicher' },
        ]
          .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
          .sort((a, b) => String(a.sicher_nachts).localeCompare(String(b.sicher_nachts))),
      );
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'survey.import')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.after_json!)).toEqual({ stored: 3, questionnaireVersion: 1 });
    });

    it('names line and field of every error, and commits nothing when any line is wrong', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const csv = [
        `${header};unbekannt`,
        `sehr_sicher;1;ja;2;1;2;;;${A};x`,
        `kaum;1;ja;2;1;2;;;${A};`,
        `sehr_sicher;1;ja;vielleicht;1;2;;;${D};`,
        'sehr_sicher;1',
      ].join('\n');
      const preview = await upload(survey.id, csv, 'preview');
      expect(preview.statusCode).toBe(200);
      const errs = preview.json().errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`);
      expect(errs).toEqual(['1:unbekannt', '3:sicher_nachts', '4:opfer_diebstahl', '4:ags', '5:Zeile']);
      expect(preview.json().errors[1].message).toMatch(/^Zeile 3, sicher_nachts: „kaum“ ist keine Antwort/);
      expect(preview.json()).toMatchObject({ rows: 4, valid: 1, unknownColumns: ['unbekannt'] });
      const commit = await upload(survey.id, csv, 'commit');
      expect(commit.statusCode).toBe(400);
      expect(commit.json().errors.map((e: { field: string }) => e.field)).toContain('lines.3.sicher_nachts');
      expect(commit.json().detail).toMatch(/nichts gespeichert/);
      expect(await responses(survey.id)).toHaveLength(0);
    });

    it('refuses a request that is not multipart and a malformed CSV', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      expect((await lpr.post(`/api/surveys/${survey.id}/imports/responses?mode=preview`, {})).statusCode).toBe(415);
      const broken = await upload(survey.id, `${header}\n"offen;1`, 'preview');
      expect(broken.statusCode).toBe(400);
      expect(broken.json().errors[0].field).toBe('lines.2');
    });
  });
});
