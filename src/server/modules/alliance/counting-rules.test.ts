import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildDistrict, buildMunicipality } from '../../test/factories.ts';
import { addDays } from '../../../shared/time.ts';
import { clearAlliance, multipartFile } from './test-support.ts';

/*
 * The counting rules of decision 005 as the product enforces them: one cooperation agreement in
 * force per municipality (a further one only as an amendment or additional agreement, which counts
 * nowhere), a withdrawal ends a pre-agreement, and covered + pre-agreements = in collaboration;
 * and a history built like the press release of 23 February 2023 gives its figures.
 */
describe.each(DIALECTS)('counting rules on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(async () => {
    await clearAlliance(ctx.db);
  });

  const figures = async (at: string) => {
    const res = await lpr.get(`/api/alliance/figures?at=${at}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const agreement = (municipalities: string[], signedOn: string, extra: Record<string, unknown> = {}) =>
    lpr.post('/api/alliance/agreements', { municipalities, signedOn, ...extra });
  const record = (ags: string, body: Record<string, unknown>) => lpr.post(`/api/alliance/municipalities/${ags}/events`, body);

  it('refuses a second cooperation agreement while one is in force, naming the municipality', async () => {
    const first = await agreement([A], '2020-01-10');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().kind).toBe('cooperation');
    const before = await figures('2021-06-30');

    const second = await agreement([A, B], '2021-03-01');
    expect(second.statusCode, second.body).toBe(409);
    const problem = second.json();
    expect(problem.detail).toContain('Annaberg-Buchholz');
    expect(problem.detail).toContain(`Nr. ${first.json().id}`);
    expect(problem.errors[0]).toMatchObject({ field: 'municipalities', code: 'agreement_in_force' });
    // Nothing was stored: the figures are unchanged.
    expect(await figures('2021-06-30')).toEqual(before);

    // Joining another agreement is refused the same way.
    const other = await agreement([B], '2020-06-01');
    expect(other.statusCode).toBe(201);
    const join = await record(A, { type: 'agreement_signed', date: '2021-01-01', agreementId: other.json().id });
    expect(join.statusCode, join.body).toBe(409);
    expect(join.json().errors[0].code).toBe('agreement_in_force');
  });

  it('records an amendment or additional agreement explicitly, and neither changes a count', async () => {
    expect((await agreement([A], '2020-01-10')).statusCode).toBe(201);
    const before = await figures('2022-01-01');
    for (const kind of ['amendment', 'additional']) {
      const res = await agreement([A], '2021-03-01', { kind, title: `${kind} A` });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().kind).toBe(kind);
    }
    expect(await figures('2022-01-01')).toEqual(before);
    expect(before.statewide).toMatchObject({ agreementsInForce: 1, agreementsSigned: 1, communesCoveredByAgreements: 1 });
    const kind = await agreement([A], '2021-03-01', { kind: 'other' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].field).toBe('body.kind');
  });

  it('allows a new agreement from the day the previous one was terminated', async () => {
    const first = (await agreement([A], '2020-01-10')).json();
    const end = await lpr.post(`/api/alliance/agreements/${first.id}/events`, { type: 'agreement_terminated', date: '2021-05-01' });
    expect(end.statusCode, end.body).toBe(201);
    const next = await agreement([A], '2021-05-01');
    expect(next.statusCode, next.body).toBe(201);
    expect((await figures('2021-05-01')).statewide).toMatchObject({ agreementsInForce: 1, agreementsSigned: 2 });
    // An earlier agreement entered afterwards that would overlap is refused too (order does not matter).
    const overlapping = await agreement([A], '2019-06-01');
    expect(overlapping.statusCode).toBe(409);
  });

  it('ends a pre-agreement with a withdrawal for every count, and allows a new one afterwards', async () => {
    expect((await record(A, { type: 'pre_agreement_signed', date: '2020-02-01' })).statusCode).toBe(201);
    expect((await record(A, { type: 'withdrawn', date: '2020-09-01', kind: 'withdrawal' })).statusCode).toBe(201);
    expect((await record(A, { type: 'resumed', date: '2021-01-01' })).statusCode).toBe(201);
    const at = async (d: string) => (await figures(d)).statewide;
    expect(await at('2020-08-31')).toMatchObject({ preAgreements: 1, inCollaboration: 1 });
    expect(await at('2020-09-01')).toMatchObject({ preAgreements: 0, inCollaboration: 0, withdrawn: 1 });
    // Resumed, but the pre-agreement stays ended: no pre-agreement and not in collaboration.
    expect(await at('2021-02-01')).toMatchObject({ preAgreements: 0, inCollaboration: 0, withdrawn: 0 });
    const list = (await lpr.get(`/api/alliance/municipalities?at=2021-02-01&status=pre_agreement`)).json();
    expect(list.total).toBe(0);
    // The series agrees with the figures.
    const series = (await lpr.get('/api/alliance/figures/series?to=2021-02-01')).json();
    expect(series.points.at(-1)).toMatchObject({ preAgreements: 0, inCollaboration: 0 });
    // A new pre-agreement after the withdrawal is no second one in force.
    expect((await record(A, { type: 'pre_agreement_signed', date: '2021-03-01' })).statusCode).toBe(201);
    expect(await at('2021-03-01')).toMatchObject({ preAgreements: 1, inCollaboration: 1 });
    // While one is in force, a second is refused.
    expect((await record(A, { type: 'pre_agreement_signed', date: '2021-04-01' })).statusCode).toBe(422);
  });

  describe('a history built like the press release of 23 February 2023', () => {
    const D = '2023-02-23';
    let places: string[] = [];
    let oelsnitz = '';
    let late = '';

    beforeAll(async () => {
      // 21 municipalities in the Erzgebirgskreis (Oelsnitz/Erzgeb. among them), 112 in a second district.
      await buildDistrict(ctx.db, { ags: '14522', name: 'Mittelsachsen', type_code: '44' });
      await ctx.db
        .insertInto('directorate_districts')
        .values({ directorate_id: ctx.territory.chemnitzDirectorate, district_ags: '14522' })
        .execute();
      places = [];
      for (let i = 0; i < 21; i++) {
        const ags = i === 7 ? '14521490' : `14521${String(101 + i)}`;
        await buildMunicipality(ctx.db, {
          ags,
          district_ags: '14521',
          name: i === 7 ? 'Oelsnitz/Erzgeb., Stadt' : `Erzgebirge ${i}, Stadt`,
        });
        places.push(ags);
      }
      for (let i = 0; i < 112; i++) {
        const ags = `14522${String(101 + i)}`;
        await buildMunicipality(ctx.db, { ags, district_ags: '14522', name: `Mittelsachsen ${i}` });
        places.push(ags);
      }
      late = '14522300';
      await buildMunicipality(ctx.db, { ags: late, district_ags: '14522', name: 'Spät beraten' });
      oelsnitz = places[7]!;
    });

    /** The history as import lines: ags, event type, date, agreement, withdrawal kind, agreement kind. */
    function history(): string {
      const lines = ['ags,event_type,date,agreement,withdrawal_kind,agreement_kind'];
      const add = (ags: string, type: string, date: string, agreement = '', kind = '', agreementKind = '') =>
        lines.push([ags, type, date, agreement, kind, agreementKind].join(','));
      const P = (i: number) => places[i]!;
      // 133 municipalities advised by D; one more only after D.
      places.forEach((ags, i) => add(ags, 'consultation', addDays('2019-03-01', i)));
      add(late, 'consultation', '2023-04-01');
      // The first seven of the Erzgebirgskreis sign before Oelsnitz/Erzgeb., which is the 8th.
      for (let i = 0; i < 7; i++) add(P(i), 'agreement_signed', addDays('2019-05-01', 30 * i), `KV-${i}`);
      add(oelsnitz, 'agreement_signed', '2020-06-15', 'KV-7');
      // One joint agreement over three municipalities.
      for (const i of [21, 22, 23]) add(P(i), 'agreement_signed', '2021-03-01', 'KV-JOINT');
      // 37 further single agreements: 8 + 1 + 37 = 46 in force, covering 8 + 3 + 37 = 48.
      for (let i = 24; i <= 60; i++) add(P(i), 'agreement_signed', addDays('2020-07-01', 15 * (i - 24)), `KV-${i}`);
      // A terminated agreement: concluded (47), no longer in force.
      add(P(61), 'agreement_signed', '2020-01-10', 'KV-61');
      add(P(61), 'agreement_terminated', '2022-06-30', 'KV-61');
      // An additional agreement beside one in force counts nowhere.
      add(P(1), 'agreement_signed', '2022-03-01', 'KV-1-ZUSATZ', '', 'additional');
      // 12 pre-agreements in force; one more followed by a withdrawal.
      for (let i = 62; i <= 73; i++) add(P(i), 'pre_agreement_signed', addDays('2022-01-10', 7 * (i - 62)));
      add(P(74), 'pre_agreement_signed', '2021-05-01');
      add(P(74), 'withdrawn', '2022-01-10', '', 'withdrawal');
      // Coaching in 45 covered municipalities, 3 ended before D, one ends after D: 42 running.
      const coached = [0, 1, 2, 3, 4, ...Array.from({ length: 40 }, (_, k) => 21 + k)];
      coached.forEach((i, k) => add(P(i), 'coaching_started', addDays('2021-06-01', k)));
      for (const i of [58, 59, 60]) add(P(i), 'coaching_ended', '2022-12-31');
      add(P(0), 'coaching_ended', '2023-03-31');
      // 26 analyses completed by D; one completed only after D.
      const analysed = [0, 1, 2, 3, 4, 5, 6, 7, ...Array.from({ length: 18 }, (_, k) => 21 + k)];
      analysed.forEach((i, k) => {
        add(P(i), 'analysis_started', '2021-09-01');
        add(P(i), 'analysis_completed', addDays('2022-01-20', k));
      });
      add(P(39), 'analysis_started', '2022-10-01');
      add(P(39), 'analysis_completed', '2023-03-15');
      // Events after D: a pre-agreement becomes an agreement, an agreement ends, a new one is signed.
      add(P(62), 'agreement_signed', '2023-05-01', 'KV-62');
      add(P(24), 'agreement_terminated', '2024-01-31', 'KV-24');
      add(P(75), 'agreement_signed', '2023-06-01', 'KV-75');
      return `${lines.join('\n')}\n`;
    }

    it('reproduces 133 / 46 / 42 / 26 / 60 and "the 8th in the Erzgebirgskreis"', async () => {
      const file = multipartFile('press-release.csv', history(), 'text/csv');
      const imported = await lpr.post('/api/alliance/history/import', file.payload, { headers: file.headers });
      expect(imported.statusCode, imported.body).toBe(201);

      const f = await figures(D);
      expect(f.statewide).toMatchObject({
        advised: 133,
        agreementsInForce: 46,
        communesCoveredByAgreements: 48,
        agreementsSigned: 47,
        preAgreements: 12,
        coachingRunning: 42,
        analysesCompleted: 26,
        analysesUnderWay: 1,
        withdrawn: 1,
        inCollaboration: 60,
      });
      // The pre-agreement count is what collaboration adds to the covered municipalities, in every area.
      for (const area of [f.statewide, ...f.districts, ...f.directorates])
        expect(area.preAgreements, area.name ?? 'statewide').toBe(area.inCollaboration - area.communesCoveredByAgreements);
      const erz = f.districts.find((d: { ags: string }) => d.ags === '14521');
      expect(erz).toMatchObject({ agreementsInForce: 8, communesCoveredByAgreements: 8, inCollaboration: 8, preAgreements: 0 });

      // The status list (map and legend) counts the same municipalities.
      const count = async (query: string) => (await lpr.get(`/api/alliance/municipalities?at=${D}&${query}`)).json().total;
      expect(await count('status=agreement')).toBe(48);
      expect(await count('status=pre_agreement')).toBe(12);
      expect(await count('inCollaboration=true')).toBe(60);

      // The fact box speaks like the press release: in force first, the short name, the rank.
      const box = (await lpr.get(`/api/alliance/figures/fact-box?at=${D}&ags=${oelsnitz}`)).json();
      expect(box.de).toBe(
        'Oelsnitz/Erzgeb. ist die 8. Kommune im Erzgebirgskreis, die eine Kooperationsvereinbarung unterzeichnet hat (am 15. Juni 2020). ' +
          'Stand 23. Februar 2023: 46 Kooperationsvereinbarungen sind mit 48 Kommunen in Kraft. ' +
          'Seit dem Start der Allianz Sichere Sächsische Kommunen am 6. Februar 2019 wurden 133 Kommunen beraten und 47 Kooperationsvereinbarungen geschlossen. ' +
          '12 Kommunen haben eine Vorvereinbarung. 42 Coachingprozesse laufen, 26 Sicherheitsanalysen wurden abgeschlossen. ' +
          'Insgesamt arbeitet die Allianz mit 60 Kommunen zusammen.',
      );
      const firstFigure = /Stand [^:]+: (\d+) Kooperationsvereinbarung/.exec(box.de)?.[1];
      expect(Number(firstFigure)).toBe(f.statewide.agreementsInForce);
      expect(box.en).toContain('Oelsnitz/Erzgeb. is the 8th municipality in the Erzgebirgskreis');
      expect(box.en).toContain('As of 23 February 2023: 46 cooperation agreements with 48 municipalities are in force.');

      // After the date the figures move on, and the date's figures do not.
      expect((await figures('2024-02-01')).statewide).toMatchObject({ advised: 134, agreementsSigned: 49, agreementsInForce: 47 });
      expect((await figures(D)).statewide).toEqual(f.statewide);
    });
  });
});
