import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../../../shared/survey-template.ts';
import { normalizeSurveyCode, SURVEY_CODE_ALPHABET } from '../../../shared/surveys.schema.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { pdfQrCodes } from './qr-read.test-support.ts';
import { codesOfSurvey, createSurvey, hashOfCode, surveyInField } from './test-support.ts';
import { addDays, todayBerlin, withClock } from '../../../shared/time.ts';

describe.each(DIALECTS)('surveys: staff, questionnaire versions and fieldwork on %s', (dialect) => {
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

  const audit = (id: number) =>
    ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'survey')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();

  describe('creating and changing surveys', () => {
    it('creates a draft with a copy of the standard questionnaire as version 1, audited', async () => {
      const s = await createSurvey(lpr, [A, B]);
      expect(s).toMatchObject({ status: 'draft', questionnaireVersion: 1, version: 1, kMin: 5 });
      const detail = (await lpr.get(`/api/surveys/${s.id}`)).json();
      expect(detail.municipalities.map((m: { ags: string }) => m.ags).sort()).toEqual([A, B]);
      expect(detail.codes).toEqual({ total: 0, unused: 0, started: 0, used: 0 });
      expect(detail.responses).toEqual({ total: 0, online: 0, paper: 0, import: 0 });
      const q = (await lpr.get(`/api/surveys/${s.id}/questionnaire`)).json();
      expect(q).toMatchObject({ version: 1, current: true });
      expect(q.definition.sections.map((x: { id: string }) => x.id)).toEqual(STANDARD_QUESTIONNAIRE.sections.map((x) => x.id));
      const entries = await audit(s.id);
      expect(entries.map((e) => e.action)).toEqual(['survey.create']);
      expect(entries[0]!.actor_user_id).toBe(lpr.user!.id);
    });

    it('refuses bad input with named fields: unknown municipality, end before start, k below 5', async () => {
      const unknown = await lpr.post('/api/surveys', {
        title: 'X',
        municipalities: ['14999999'],
        fieldStart: '2026-01-01',
        fieldEnd: '2026-02-01',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].field).toBe('municipalities');
      const period = await lpr.post('/api/surveys', { title: 'X', municipalities: [A], fieldStart: '2026-03-01', fieldEnd: '2026-02-01' });
      expect(period.statusCode).toBe(422);
      expect(period.json().errors[0].field).toBe('fieldEnd');
      const k = await lpr.post('/api/surveys', {
        title: 'X',
        municipalities: [A],
        fieldStart: '2026-01-01',
        fieldEnd: '2026-02-01',
        kMin: 3,
      });
      expect(k.statusCode).toBe(400);
      expect(k.json().errors[0].field).toBe('body.kMin');
    });

    it('changes with the version (409 when stale), raises k but never lowers it', async () => {
      const s = await createSurvey(lpr, [A]);
      const ok = await lpr.patch(`/api/surveys/${s.id}`, { version: 1, title: 'Neuer Titel', kMin: 8 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ title: 'Neuer Titel', kMin: 8, version: 2 });
      const stale = await lpr.patch(`/api/surveys/${s.id}`, { version: 1, title: 'Alt' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ title: 'Neuer Titel', version: 2 });
      const lower = await lpr.patch(`/api/surveys/${s.id}`, { version: 2, kMin: 6 });
      expect(lower.statusCode).toBe(422);
      expect(lower.json().errors[0].field).toBe('kMin');
      const entries = await audit(s.id);
      const upd = entries.find((e) => e.action === 'survey.update')!;
      expect(JSON.parse(upd.before_json!)).toMatchObject({ title: 'Sicherheit in der Stadt 2026', kMin: 5 });
      expect(JSON.parse(upd.after_json!)).toMatchObject({ title: 'Neuer Titel', kMin: 8 });
    });

    it("adds the optional area question from the municipality's named areas, which every analysis of the municipality shares", async () => {
      const analysis = (await lpr.post('/api/security-analyses', { ags: A, contractor: 'Forschungsgruppe' })).json();
      const put = await lpr.put(`/api/security-analyses/${analysis.id}/areas`, {
        version: analysis.version,
        areas: [
          { name: 'Buchholz', population: 6000 },
          { name: 'Frohnau', population: 1200 },
          { name: 'Geyersdorf', population: null },
        ],
      });
      expect(put.statusCode, put.body).toBe(200);
      const second = (await lpr.post('/api/security-analyses', { ags: A, contractor: 'Zweites Institut' })).json();
      expect(second.areas.map((a: { name: string }) => a.name)).toEqual(['Buchholz', 'Frohnau', 'Geyersdorf']);

      const withArea = await createSurvey(lpr, [A], { areaQuestion: true });
      const q = (await lpr.get(`/api/surveys/${withArea.id}/questionnaire`)).json();
      const person = q.definition.sections.find((x: { id: string }) => x.id === 'person');
      const area = person.questions.find((x: { id: string }) => x.id === 'ortsteil');
      expect(area).toMatchObject({ type: 'single', required: false, role: 'area' });
      expect(area.options.map((o: { code: string; label: { de: string } }) => [o.code, o.label.de])).toEqual([
        ['ortsteil_1', 'Buchholz'],
        ['ortsteil_2', 'Frohnau'],
        ['ortsteil_3', 'Geyersdorf'],
      ]);
      const plain = await createSurvey(lpr, [A]);
      const plainQ = (await lpr.get(`/api/surveys/${plain.id}/questionnaire`)).json();
      expect(JSON.stringify(plainQ.definition)).not.toContain('ortsteil');

      // Aue has no named areas: the question cannot be built, and nothing is created.
      const before = await ctx.db
        .selectFrom('surveys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const none = await lpr.post('/api/surveys', {
        title: 'Ohne Ortsteile',
        municipalities: [B],
        fieldStart: '2026-01-01',
        fieldEnd: '2026-02-01',
        areaQuestion: true,
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().errors[0].field).toBe('areaQuestion');
      const after = await ctx.db
        .selectFrom('surveys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('links an earlier wave and refuses cycles', async () => {
      const first = await createSurvey(lpr, [A]);
      const second = await createSurvey(lpr, [A], { previousSurveyId: first.id });
      const cycle = await lpr.patch(`/api/surveys/${first.id}`, { version: 1, previousSurveyId: second.id });
      expect(cycle.statusCode).toBe(422);
      expect(cycle.json().errors[0].field).toBe('previousSurveyId');
      const missing = await lpr.post('/api/surveys', {
        title: 'X',
        municipalities: [A],
        fieldStart: '2026-01-01',
        fieldEnd: '2026-02-01',
        previousSurveyId: 999_999,
      });
      expect(missing.statusCode).toBe(400);
    });

    it('deletes drafts only', async () => {
      const s = await createSurvey(lpr, [A]);
      // Rows of the analysis part (population margins) hanging on the draft go with it.
      await sql`insert into survey_margin_sets (survey_id, source, version, updated_at) values (${s.id}, 'manual', 1, '2026-01-01T00:00:00.000Z')`.execute(
        ctx.db,
      );
      await sql`insert into survey_margins (survey_id, dimension, cell, population) values (${s.id}, 'sex', 'w', 100)`.execute(ctx.db);
      const stale = await lpr.delete(`/api/surveys/${s.id}?version=7`);
      expect(stale.statusCode).toBe(409);
      expect((await lpr.delete(`/api/surveys/${s.id}?version=1`)).statusCode).toBe(204);
      expect((await lpr.get(`/api/surveys/${s.id}`)).statusCode).toBe(404);
      const { survey } = await surveyInField(lpr, ctx.db, [A], 2);
      const refused = await lpr.delete(`/api/surveys/${survey.id}`);
      expect(refused.statusCode).toBe(422);
      expect((await audit(s.id)).map((e) => e.action)).toEqual(['survey.create', 'survey.delete']);
    });
  });

  describe('scoping', () => {
    it('shows a coordinator the surveys of its communes, lets it run only surveys wholly its own', async () => {
      const own = await createSurvey(lpr, [A]);
      const shared = await createSurvey(lpr, [A, D]);
      const other = await createSurvey(lpr, [D]);
      const coord = await ctx.as('coordinator', { communes: [A] });
      const list = (await coord.get('/api/surveys?pageSize=500')).json();
      const ids = list.items.map((x: { id: number }) => x.id);
      expect(ids).toContain(own.id);
      expect(ids).toContain(shared.id);
      expect(ids).not.toContain(other.id);
      expect((await coord.get(`/api/surveys/${other.id}`)).statusCode).toBe(403);
      expect((await coord.patch(`/api/surveys/${own.id}`, { version: 1, title: 'Annaberg 2026' })).statusCode).toBe(200);
      expect((await coord.patch(`/api/surveys/${shared.id}`, { version: 1, title: 'Gemeinsam' })).statusCode).toBe(403);
      // Nor can it release the shared survey for the statewide comparison; the page learns so from mayChange.
      expect((await coord.get(`/api/surveys/${own.id}`)).json().mayChange).toBe(true);
      expect((await coord.get(`/api/surveys/${shared.id}`)).json().mayChange).toBe(false);
      expect((await lpr.get(`/api/surveys/${shared.id}`)).json().mayChange).toBe(true);
      const consent = await coord.patch(`/api/surveys/${shared.id}`, { version: 1, allowsComparison: true });
      expect(consent.statusCode).toBe(403);
      expect((await lpr.get(`/api/surveys/${shared.id}`)).json()).toMatchObject({ allowsComparison: false, version: 1 });
      // Codes only for its own commune of a shared survey.
      expect((await coord.post(`/api/surveys/${shared.id}/codes`, { ags: A, count: 2 })).statusCode).toBe(201);
      expect((await coord.post(`/api/surveys/${shared.id}/codes`, { ags: D, count: 2 })).statusCode).toBe(403);
      // Creating for a commune outside its scope is refused.
      const outside = await coord.post('/api/surveys', {
        title: 'X',
        municipalities: [D],
        fieldStart: '2026-01-01',
        fieldEnd: '2026-02-01',
      });
      expect(outside.statusCode).toBe(403);
      expect(
        (await coord.post('/api/surveys', { title: 'X', municipalities: [A], fieldStart: '2026-01-01', fieldEnd: '2026-02-01' }))
          .statusCode,
      ).toBe(201);
    });

    it('gives police and the ministry no access to fieldwork', async () => {
      const s = await createSurvey(lpr, [A]);
      for (const role of ['police', 'ministry'] as const) {
        const c = await ctx.as(role);
        expect((await c.get('/api/surveys')).statusCode).toBe(403);
        expect((await c.get(`/api/surveys/${s.id}`)).statusCode).toBe(403);
      }
    });
  });

  describe('questionnaire versions', () => {
    it('saves a new version from the current one, 409 when stale, field errors with paths', async () => {
      const s = await createSurvey(lpr, [A]);
      const def = (await lpr.get(`/api/surveys/${s.id}/questionnaire`)).json().definition;
      def.sections[0].questions.push({
        id: 'neu',
        type: 'single',
        required: false,
        text: { de: 'Neue Frage?', en: 'New question?' },
        options: [
          { code: 'a', label: { de: 'A', en: 'A' } },
          { code: 'b', label: { de: 'B', en: 'B' } },
        ],
      });
      const put = await lpr.put(`/api/surveys/${s.id}/questionnaire`, { basedOnVersion: 1, definition: def });
      expect(put.statusCode, put.body).toBe(201);
      expect(put.json()).toMatchObject({ version: 2, current: true });
      const stale = await lpr.put(`/api/surveys/${s.id}/questionnaire`, { basedOnVersion: 1, definition: def });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current.version).toBe(2);
      const versions = (await lpr.get(`/api/surveys/${s.id}/questionnaire/versions`)).json();
      expect(versions.items.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      const v1 = (await lpr.get(`/api/surveys/${s.id}/questionnaire/versions/1`)).json();
      expect(v1.definition.sections[0].questions.some((q: { id: string }) => q.id === 'neu')).toBe(false);
      // Invalid definition: a duplicated id is named by its path.
      def.sections[1].questions[0].id = 'sicher_nachts';
      const dup = await lpr.put(`/api/surveys/${s.id}/questionnaire`, { basedOnVersion: 2, definition: def });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().errors.map((e: { field: string }) => e.field)).toContain('body.definition.sections.1.questions.0.id');
      expect((await lpr.get(`/api/surveys/${s.id}/questionnaire/versions/9`)).statusCode).toBe(404);
    });

    it('restores an older version as a new one: audited, 409 when stale, 422 when unchanged or closed, not for readers', async () => {
      const s = await createSurvey(lpr, [A]);
      const def = (await lpr.get(`/api/surveys/${s.id}/questionnaire`)).json().definition;
      def.sections[0].questions.splice(1, 1);
      expect((await lpr.put(`/api/surveys/${s.id}/questionnaire`, { basedOnVersion: 1, definition: def })).statusCode).toBe(201);
      const restored = await lpr.post(`/api/surveys/${s.id}/questionnaire/versions/1/restore`, { basedOnVersion: 2 });
      expect(restored.statusCode, restored.body).toBe(201);
      expect(restored.json()).toMatchObject({ version: 3, current: true });
      const v1 = (await lpr.get(`/api/surveys/${s.id}/questionnaire/versions/1`)).json().definition;
      expect((await lpr.get(`/api/surveys/${s.id}/questionnaire`)).json().definition).toEqual(v1);
      expect((await lpr.get(`/api/surveys/${s.id}`)).json().questionnaireVersion).toBe(3);
      const entry = (await audit(s.id)).filter((e) => e.action === 'survey.questionnaire').at(-1)!;
      expect(JSON.parse(entry.after_json!)).toMatchObject({ questionnaireVersion: 3, restoredFrom: 1 });

      const stale = await lpr.post(`/api/surveys/${s.id}/questionnaire/versions/2/restore`, { basedOnVersion: 2 });
      expect(stale.statusCode).toBe(409);
      const same = await lpr.post(`/api/surveys/${s.id}/questionnaire/versions/1/restore`, { basedOnVersion: 3 });
      expect(same.statusCode).toBe(422);
      expect((await lpr.post(`/api/surveys/${s.id}/questionnaire/versions/9/restore`, { basedOnVersion: 3 })).statusCode).toBe(404);
      expect((await lpr.post(`/api/surveys/${s.id}/questionnaire/versions/1/restore`, {})).statusCode).toBe(400);
      // A coordinator of only one of a shared survey's communes may read the versions but not restore one.
      const shared = await createSurvey(lpr, [A, D]);
      const sharedDef = (await lpr.get(`/api/surveys/${shared.id}/questionnaire`)).json().definition;
      sharedDef.title.de = 'Geänderter Titel';
      expect((await lpr.put(`/api/surveys/${shared.id}/questionnaire`, { basedOnVersion: 1, definition: sharedDef })).statusCode).toBe(201);
      const coord = await ctx.as('coordinator', { communes: [A] });
      const refused = await coord.post(`/api/surveys/${shared.id}/questionnaire/versions/1/restore`, { basedOnVersion: 2 });
      expect(refused.statusCode).toBe(403);
      expect((await lpr.get(`/api/surveys/${shared.id}`)).json().questionnaireVersion).toBe(2);
      // Once closed, nothing is restored.
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const fieldDef = (await lpr.get(`/api/surveys/${survey.id}/questionnaire`)).json().definition;
      fieldDef.sections[0].questions[0].text.de = 'Wie sicher fühlen Sie sich nachts, wenn Sie allein unterwegs sind?';
      expect((await lpr.put(`/api/surveys/${survey.id}/questionnaire`, { basedOnVersion: 1, definition: fieldDef })).statusCode).toBe(201);
      expect((await lpr.post(`/api/surveys/${survey.id}/close`, {})).statusCode).toBe(200);
      expect((await lpr.post(`/api/surveys/${survey.id}/questionnaire/versions/1/restore`, { basedOnVersion: 2 })).statusCode).toBe(422);
    });

    it('during fieldwork allows wording and translation only; closed allows nothing', async () => {
      const { survey } = await surveyInField(lpr, ctx.db, [A], 1);
      const def = (await lpr.get(`/api/surveys/${survey.id}/questionnaire`)).json().definition;
      def.sections[0].questions[0].text.de = 'Wie sicher fühlen Sie sich nachts, wenn Sie allein unterwegs sind?';
      def.sections[0].questions[0].text.en = 'How safe do you feel at night when out alone?';
      const wording = await lpr.put(`/api/surveys/${survey.id}/questionnaire`, { basedOnVersion: 1, definition: def });
      expect(wording.statusCode, wording.body).toBe(201);
      def.sections[0].questions[0].options.pop();
      const structural = await lpr.put(`/api/surveys/${survey.id}/questionnaire`, { basedOnVersion: 2, definition: def });
      expect(structural.statusCode).toBe(422);
      expect(structural.json().errors[0]).toMatchObject({ field: 'definition.sections.0.questions.0', code: 'structure_locked' });
      expect(structural.json().detail).toMatch(/Formulierungen/);
      const closed = await lpr.post(`/api/surveys/${survey.id}/close`, {});
      expect(closed.statusCode, closed.body).toBe(200);
      def.sections[0].questions[0].text.de = 'Noch eine Formulierung';
      const after = await lpr.put(`/api/surveys/${survey.id}/questionnaire`, { basedOnVersion: 2, definition: def });
      expect(after.statusCode).toBe(422);
    });
  });

  describe('fieldwork', () => {
    it('takes the field period in Europe/Berlin, not UTC', () => {
      expect(withClock('2025-12-31T23:30:00Z', todayBerlin)).toBe('2026-01-01');
      expect(withClock('2026-06-30T21:59:00Z', todayBerlin)).toBe('2026-06-30');
      expect(withClock('2026-06-30T22:00:00Z', todayBerlin)).toBe('2026-07-01');
    });

    it('starts from draft, closes only from fieldwork, audited', async () => {
      const s = await createSurvey(lpr, [A]);
      const notYet = await lpr.post(`/api/surveys/${s.id}/close`, {});
      expect(notYet.statusCode).toBe(422);
      const started = await lpr.post(`/api/surveys/${s.id}/start`, {});
      expect(started.json()).toMatchObject({ status: 'fieldwork', version: 2 });
      expect((await lpr.get(`/api/surveys/${s.id}`)).json().open).toBe(true);
      expect((await lpr.post(`/api/surveys/${s.id}/start`, {})).statusCode).toBe(422);
      const closed = await lpr.post(`/api/surveys/${s.id}/close`, { version: 2 });
      expect(closed.json()).toMatchObject({ status: 'closed', closedOn: todayBerlin() });
      expect((await audit(s.id)).map((e) => e.action)).toEqual(['survey.create', 'survey.start', 'survey.close']);
    });

    it('refuses to start a survey whose field period is over', async () => {
      const s = await createSurvey(lpr, [A], { fieldStart: '2025-01-01', fieldEnd: addDays(todayBerlin(), -1) });
      const res = await lpr.post(`/api/surveys/${s.id}/start`, {});
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toBe('fieldEnd');
    });

    it('generates unique, unambiguous codes per batch and lists batches', async () => {
      const s = await createSurvey(lpr, [A, B]);
      const one = await lpr.post(`/api/surveys/${s.id}/codes`, { ags: A, count: 300 });
      expect(one.json()).toEqual({ batch: 1, ags: A, count: 300 });
      const two = await lpr.post(`/api/surveys/${s.id}/codes`, { ags: B, count: 20 });
      expect(two.json().batch).toBe(2);
      const notInSurvey = await lpr.post(`/api/surveys/${s.id}/codes`, { ags: D, count: 20 });
      expect(notInSurvey.statusCode).toBe(400);
      // Only keyed hashes are stored; the codes are derived again for letters and the mail-merge file.
      const rows = await ctx.db.selectFrom('survey_codes').select(['code_hash', 'state']).where('survey_id', '=', s.id).execute();
      expect(rows).toHaveLength(320);
      expect(new Set(rows.map((r) => r.code_hash)).size).toBe(320);
      for (const r of rows) expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
      const codes = (await codesOfSurvey(ctx.db, s.id)).map(normalizeSurveyCode);
      expect(new Set(codes).size).toBe(320);
      expect((await Promise.all(codes.map((c) => hashOfCode(ctx.db, c)))).sort()).toEqual(rows.map((r) => r.code_hash).sort());
      for (const c of codes) {
        expect(c).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
        for (const ch of c) expect(SURVEY_CODE_ALPHABET).toContain(ch);
      }
      // Every sign of the alphabet appears (the derivation is not stuck on a subset).
      expect(new Set(codes.flatMap((c) => [...c])).size).toBe(32);
      const batches = (await lpr.get(`/api/surveys/${s.id}/codes/batches`)).json();
      expect(batches.items).toEqual([
        { batch: 1, ags: A, municipalityName: 'Annaberg-Buchholz', count: 300, unused: 300, started: 0, used: 0 },
        { batch: 2, ags: B, municipalityName: 'Aue-Bad Schlema', count: 20, unused: 20, started: 0, used: 0 },
      ]);
      const entry = (await audit(s.id)).find((e) => e.action === 'survey.codes')!;
      expect(entry.after_json).not.toMatch(new RegExp(`${codes[0]}|${rows[0]!.code_hash}`));
    });

    it('prints invitation and reminder letters, one per page, with code, short URL and QR code', async () => {
      const s = await createSurvey(lpr, [A]);
      await lpr.post(`/api/surveys/${s.id}/codes`, { ags: A, count: 3 });
      const codes = (await codesOfSurvey(ctx.db, s.id)).map(normalizeSurveyCode);
      const res = await lpr.get(`/api/surveys/${s.id}/codes/batches/1/letters.pdf`, { headers: { host: 'praevis.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await pdfText(res.rawPayload);
      expect(pdf.pages).toHaveLength(3);
      codes.forEach((code, i) => {
        const page = pdf.pages[i]!;
        expect(page).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
        expect(page).toContain(`/befragung/${code}`);
        expect(page).toMatch(/Einladung/);
        expect(page).toMatch(/Annaberg-Buchholz/);
      });
      // The QR code on every page, read back with an independent decoder, carries the short URL of its code.
      expect(await pdfQrCodes(res.rawPayload)).toEqual(codes.map((c) => [`http://praevis.example/befragung/${c}`]));
      const reminder = await pdfText((await lpr.get(`/api/surveys/${s.id}/codes/batches/1/letters.pdf?kind=reminder`)).rawPayload);
      expect(reminder.pages[0]).toMatch(/Erinnerung/);
      expect(reminder.pages[0]).toMatch(/bereits teilgenommen/);
      const csv = await lpr.get(`/api/surveys/${s.id}/codes/batches/1/codes.csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(lines[0]).toBe('nummer;stapel;ags;gemeinde;zugangscode;adresse;teilnahme_bis');
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain(`${codes[0]!.slice(0, 4)}-`);
      expect((await lpr.get(`/api/surveys/${s.id}/codes/batches/7/codes.csv`)).statusCode).toBe(404);
    });
  });
});
