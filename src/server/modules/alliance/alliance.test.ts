import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { allianceSnapshot, clearAlliance, multipartFile, SAMPLE_PDF } from './test-support.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';
import { ALL_FIGURES } from '../../../shared/alliance.schema.ts';

describe.each(DIALECTS)('alliance events, agreements and figures on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let admin: Client;
  let A: string; // Annaberg-Buchholz, Erzgebirgskreis, PD Chemnitz
  let B: string; // Aue-Bad Schlema, Erzgebirgskreis, PD Chemnitz
  let D: string; // Dresden, kreisfreie Stadt, PD Dresden

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    admin = await ctx.as('admin');
    ({ annaberg: A, aue: B, dresdenCity: D } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(async () => {
    await clearAlliance(ctx.db);
  });

  const record = (ags: string, body: Record<string, unknown>, client = lpr) =>
    client.post(`/api/alliance/municipalities/${ags}/events`, body);
  const figures = async (at: string) => {
    const res = await lpr.get(`/api/alliance/figures?at=${at}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const agreement = async (municipalities: string[], signedOn: string, extra: Record<string, unknown> = {}) => {
    const res = await lpr.post('/api/alliance/agreements', { municipalities, signedOn, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  describe('recording', () => {
    it('records a consultation with topic and participants, and shows it on the municipality page', async () => {
      const res = await record(A, {
        type: 'consultation',
        date: '2021-03-04',
        topic: 'Graffiti',
        participants: 'Bürgermeisterin, Ordnungsamt',
        notes: 'Erstgespräch',
      });
      expect(res.statusCode, res.body).toBe(201);
      const e = res.json();
      expect(e).toMatchObject({
        ags: A,
        type: 'consultation',
        date: '2021-03-04',
        topic: 'Graffiti',
        status: 'active',
        version: 1,
        source: 'api',
      });
      expect(e.createdBy.id).toBe(lpr.user!.id);
      const detail = (await lpr.get(`/api/alliance/municipalities/${A}?at=2021-03-04`)).json();
      expect(detail.events.map((x: { id: number }) => x.id)).toEqual([e.id]);
      expect(detail.state).toMatchObject({ status: 'advised', advised: true, inCollaboration: false, rank: null });
    });

    it('lets only admin and LPR staff record events (403 for coordinator, police and ministry)', async () => {
      for (const role of ['coordinator', 'police', 'ministry'] as const) {
        const client = await ctx.as(role);
        const res = await record(A, { type: 'consultation', date: '2021-03-04' }, client);
        expect(res.statusCode, role).toBe(403);
        expect(res.json().type).toMatch(/forbidden-role$/);
        expect((await client.post('/api/alliance/agreements', { municipalities: [A], signedOn: '2021-01-01' })).statusCode).toBe(403);
      }
      expect((await record(A, { type: 'consultation', date: '2021-03-04' }, admin)).statusCode).toBe(201);
      expect(
        (await ctx.anonymous.post(`/api/alliance/municipalities/${A}/events`, { type: 'consultation', date: '2021-03-04' })).statusCode,
      ).toBe(401);
    });

    it('returns 404 for an unknown municipality and 400 naming the field for bad input', async () => {
      expect((await record('14999999', { type: 'consultation', date: '2021-03-04' })).statusCode).toBe(404);
      const bad = await record(A, { type: 'coaching_started', date: '2021-02-30' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.date');
      const nul = await record(A, { type: 'consultation', date: '2021-02-01', notes: 'a\u0000b' });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().errors[0].field).toBe('body.notes');
      const badType = await record(A, { type: 'party', date: '2021-02-01' });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().errors[0].field).toBe('body.type');
    });
  });

  describe('contradictions are refused with the field named, in German and English, and change nothing', () => {
    async function refused(ags: string, body: Record<string, unknown>, field: string, code: string, path?: string) {
      const before = await allianceSnapshot(ctx.db);
      const res = path ? await lpr.post(path, body) : await record(ags, body);
      expect(res.statusCode, res.body).toBe(422);
      const p = res.json();
      expect(p.errors[0]).toMatchObject({ field, code });
      expect(p.detail).toBeTruthy();
      const en = path
        ? await lpr.post(path, body, { headers: { 'accept-language': 'en' } })
        : await lpr.post(`/api/alliance/municipalities/${ags}/events`, body, { headers: { 'accept-language': 'en' } });
      expect(en.json().errors[0].message).not.toBe(p.errors[0].message);
      expect(await allianceSnapshot(ctx.db)).toEqual(before);
      return p;
    }

    it('coaching ended without a start, or before it started', async () => {
      const p = await refused(A, { type: 'coaching_ended', date: '2021-05-01' }, 'type', 'coaching_end_without_start');
      expect(p.detail).toContain('kein Coaching');
      await record(A, { type: 'coaching_started', date: '2021-06-01' });
      await refused(A, { type: 'coaching_ended', date: '2021-05-01' }, 'date', 'coaching_end_before_start');
    });

    it('a second coaching start while one runs; analysis completed without start; resumption without withdrawal', async () => {
      expect((await record(A, { type: 'coaching_started', date: '2021-06-01' })).statusCode).toBe(201);
      await refused(A, { type: 'coaching_started', date: '2021-09-01' }, 'date', 'coaching_already_running');
      await refused(A, { type: 'analysis_completed', date: '2021-09-01' }, 'type', 'analysis_end_without_start');
      await refused(A, { type: 'resumed', date: '2021-09-01' }, 'type', 'withdrawal_end_without_start');
      await record(A, { type: 'withdrawn', date: '2021-10-01', kind: 'pause' });
      await refused(A, { type: 'withdrawn', date: '2021-11-01' }, 'date', 'withdrawal_already_running');
    });

    it('dates in the future', async () => {
      await refused(A, { type: 'consultation', date: addDays(todayBerlin(), 1) }, 'date', 'date_in_future');
      await refused(
        A,
        { municipalities: [A], signedOn: addDays(todayBerlin(), 30) },
        'signedOn',
        'date_in_future',
        '/api/alliance/agreements',
      );
    });

    it('an agreement terminated before it was signed, amended after termination, or joined twice', async () => {
      const k = await agreement([A], '2021-01-15');
      await refused(
        A,
        { type: 'agreement_terminated', date: '2021-01-10' },
        'date',
        'terminated_before_signed',
        `/api/alliance/agreements/${k.id}/events`,
      );
      await refused(A, { type: 'agreement_terminated', date: '2021-01-10', agreementId: k.id }, 'date', 'terminated_before_signed');
      expect(
        (await lpr.post(`/api/alliance/agreements/${k.id}/events`, { type: 'agreement_terminated', date: '2022-06-30' })).statusCode,
      ).toBe(201);
      await refused(A, { type: 'agreement_amended', date: '2022-07-01', agreementId: k.id }, 'date', 'amended_after_termination');
      await refused(A, { type: 'agreement_signed', date: '2022-07-01', agreementId: k.id }, 'agreementId', 'already_party');
      await refused(B, { type: 'agreement_terminated', date: '2022-07-01', agreementId: k.id }, 'agreementId', 'not_party');
    });

    it('a second pre-agreement while one is in force', async () => {
      await record(A, { type: 'pre_agreement_signed', date: '2020-01-01' });
      await refused(A, { type: 'pre_agreement_signed', date: '2020-06-01' }, 'type', 'pre_agreement_in_force');
    });
  });

  describe('corrections and cancellations', () => {
    it('a correction supersedes the old event, keeps it marked and linked, and is audited with the reason', async () => {
      const old = (await record(A, { type: 'consultation', date: '2021-03-04', topic: 'Grafitti' })).json();
      const res = await lpr.post(`/api/alliance/events/${old.id}/correct`, {
        version: old.version,
        reason: 'Tippfehler im Thema',
        event: { type: 'consultation', date: '2021-03-05', topic: 'Graffiti' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const next = res.json();
      expect(next).toMatchObject({ correctsId: old.id, date: '2021-03-05', topic: 'Graffiti', status: 'active' });
      const detail = (await lpr.get(`/api/alliance/municipalities/${A}`)).json();
      const stored = detail.events.find((e: { id: number }) => e.id === old.id);
      expect(stored).toMatchObject({ status: 'corrected', supersededById: next.id, statusReason: 'Tippfehler im Thema', version: 2 });
      const audit = (await admin.get(`/api/audit?entityType=alliance_event&entityId=${old.id}&action=correct`)).json();
      expect(audit.total).toBe(1);
      expect(JSON.stringify(audit.items[0].after)).toContain('Tippfehler im Thema');
      // Figures see only the corrected version.
      expect((await figures('2021-03-04')).statewide.advised).toBe(0);
      expect((await figures('2021-03-05')).statewide.advised).toBe(1);
    });

    it('a correction that would contradict the history is refused and changes nothing', async () => {
      const start = (await record(A, { type: 'coaching_started', date: '2021-01-01' })).json();
      await record(A, { type: 'coaching_ended', date: '2021-12-01' });
      const before = await allianceSnapshot(ctx.db);
      const res = await lpr.post(`/api/alliance/events/${start.id}/correct`, {
        version: 1,
        reason: 'Datum',
        event: { type: 'coaching_started', date: '2022-01-01' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toMatch(/^event\./);
      expect(await allianceSnapshot(ctx.db)).toEqual(before);
    });

    it('a cancellation needs a reason, keeps the row, is audited, and is refused when it would orphan another event', async () => {
      const start = (await record(A, { type: 'coaching_started', date: '2021-01-01' })).json();
      const end = (await record(A, { type: 'coaching_ended', date: '2021-12-01' })).json();
      expect((await lpr.post(`/api/alliance/events/${end.id}/cancel`, { version: 1 })).statusCode).toBe(400);
      expect((await lpr.post(`/api/alliance/events/${end.id}/cancel`, { version: 1, reason: '  ' })).statusCode).toBe(400);
      const orphan = await lpr.post(`/api/alliance/events/${start.id}/cancel`, { version: 1, reason: 'falsch' });
      expect(orphan.statusCode).toBe(422);
      expect(orphan.json().errors[0].field).toBe('id');
      const res = await lpr.post(`/api/alliance/events/${end.id}/cancel`, { version: 1, reason: 'Coaching läuft noch' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'cancelled', statusReason: 'Coaching läuft noch', version: 2 });
      expect((await figures('2022-01-01')).statewide.coachingRunning).toBe(1);
      const audit = (await admin.get(`/api/audit?entityType=alliance_event&entityId=${end.id}&action=cancel`)).json();
      expect(audit.total).toBe(1);
      const count = await ctx.db
        .selectFrom('alliance_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
    });

    it('answers 409 with the current state on a stale version', async () => {
      const e = (await record(A, { type: 'consultation', date: '2021-03-04' })).json();
      expect((await lpr.post(`/api/alliance/events/${e.id}/cancel`, { version: 1, reason: 'doppelt' })).statusCode).toBe(200);
      const stale = await lpr.post(`/api/alliance/events/${e.id}/correct`, {
        version: 1,
        reason: 'x',
        event: { type: 'consultation', date: '2021-03-05' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ id: e.id, version: 2, status: 'cancelled' });
      const k = await agreement([A], '2021-01-15');
      expect((await lpr.patch(`/api/alliance/agreements/${k.id}`, { version: 1, title: 'KV Annaberg' })).statusCode).toBe(200);
      const staleK = await lpr.patch(`/api/alliance/agreements/${k.id}`, { version: 1, title: 'KV alt' });
      expect(staleK.statusCode).toBe(409);
      expect(staleK.json().current).toMatchObject({ id: k.id, title: 'KV Annaberg', version: 2 });
    });
  });

  describe('agreements', () => {
    it('joint agreement: one agreement, several parties, signatories; counted once statewide, covering each commune', async () => {
      const k = await agreement([A, B], '2020-05-20', {
        title: 'Gemeinsame Kooperationsvereinbarung',
        reference: 'KV-2020-07',
        signatories: [
          { name: 'Rolf Schmidt', function: 'Oberbürgermeister', party: 'municipality', ags: A },
          { name: 'Heike Berger', function: 'Bürgermeisterin', party: 'municipality', ags: B },
          { name: 'Conny Polizei', function: 'Präsidentin der PD Chemnitz', party: 'police' },
          { name: 'Lena Rat', function: 'Geschäftsführerin LPR', party: 'council' },
        ],
      });
      expect(k).toMatchObject({
        joint: true,
        signedOn: '2020-05-20',
        directorateName: 'Chemnitz',
        councilParty: 'Landespräventionsrat Sachsen',
        reference: 'KV-2020-07',
      });
      expect(k.parties.map((p: { ags: string }) => p.ags).sort()).toEqual([A, B]);
      expect(k.signatories).toHaveLength(4);
      const f = await figures('2020-05-20');
      expect(f.statewide).toMatchObject({ agreementsInForce: 1, communesCoveredByAgreements: 2, agreementsSigned: 1, inCollaboration: 2 });
      expect(f.districts.find((d: { ags: string }) => d.ags === '14521')).toMatchObject({
        agreementsInForce: 1,
        communesCoveredByAgreements: 2,
        municipalities: 2,
      });
      expect(f.directorates.find((d: { name: string }) => d.name === 'Chemnitz')).toMatchObject({
        agreementsInForce: 1,
        communesCoveredByAgreements: 2,
      });
      expect(f.directorates.find((d: { name: string }) => d.name === 'Dresden')).toMatchObject({ agreementsInForce: 0 });
      expect((await figures('2020-05-19')).statewide.agreementsInForce).toBe(0);
      const dup = await lpr.post('/api/alliance/agreements', { municipalities: [D], signedOn: '2021-01-01', reference: 'KV-2020-07' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors[0].field).toBe('reference');
    });

    it('terminated agreement: in force up to the day before the termination date, not on it', async () => {
      const k = await agreement([A, B], '2020-05-20');
      // Aue leaves the joint agreement first, then Annaberg.
      expect(
        (
          await lpr.post(`/api/alliance/agreements/${k.id}/events`, {
            type: 'agreement_terminated',
            date: '2022-03-31',
            municipalities: [B],
          })
        ).statusCode,
      ).toBe(201);
      const res = await lpr.post(`/api/alliance/agreements/${k.id}/events`, { type: 'agreement_terminated', date: '2023-01-01' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ terminatedOn: '2023-01-01' });
      expect((await figures('2022-03-30')).statewide).toMatchObject({ agreementsInForce: 1, communesCoveredByAgreements: 2 });
      expect((await figures('2022-03-31')).statewide).toMatchObject({ agreementsInForce: 1, communesCoveredByAgreements: 1 });
      expect((await figures('2022-12-31')).statewide).toMatchObject({ agreementsInForce: 1, communesCoveredByAgreements: 1 });
      expect((await figures('2023-01-01')).statewide).toMatchObject({
        agreementsInForce: 0,
        communesCoveredByAgreements: 0,
        agreementsSigned: 1,
        inCollaboration: 0,
      });
      const status = (await lpr.get(`/api/alliance/municipalities?at=2023-01-01&q=${A}`)).json();
      expect(status.items[0]).toMatchObject({ ags: A, status: 'former', rank: 1 });
    });

    it('cancelling an agreement cancels its events; the figures forget it', async () => {
      const k = await agreement([A], '2020-05-20');
      const res = await lpr.post(`/api/alliance/agreements/${k.id}/cancel`, { version: k.version, reason: 'Falsche Kommune erfasst' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'cancelled', parties: [] });
      expect((await figures('2021-01-01')).statewide.agreementsSigned).toBe(0);
      expect((await lpr.post(`/api/alliance/agreements/${k.id}/cancel`, { version: k.version, reason: 'nochmal' })).statusCode).toBe(409);
    });

    it('a pre-agreement is in force until a cooperation agreement supersedes it', async () => {
      await record(A, { type: 'pre_agreement_signed', date: '2020-01-10' });
      expect((await figures('2020-01-10')).statewide).toMatchObject({ preAgreements: 1, inCollaboration: 1 });
      await agreement([A], '2020-09-01');
      expect((await figures('2020-08-31')).statewide).toMatchObject({ preAgreements: 1, agreementsInForce: 0 });
      expect((await figures('2020-09-01')).statewide).toMatchObject({ preAgreements: 0, agreementsInForce: 1, inCollaboration: 1 });
    });

    it('ranks municipalities within their district by first signing, ties by AGS, only once signed', async () => {
      await agreement([B], '2020-02-01');
      await agreement([A], '2021-02-01');
      await agreement([D], '2019-05-01');
      const early = (await lpr.get(`/api/alliance/municipalities/${A}?at=2021-01-31`)).json();
      expect(early.state.rank).toBeNull();
      const later = (await lpr.get(`/api/alliance/municipalities/${A}?at=2021-02-01`)).json();
      expect(later.state.rank).toBe(2);
      const list = (await lpr.get('/api/alliance/municipalities?at=2021-02-01&sort=ags')).json();
      expect(list.items.map((r: { ags: string; rank: number | null }) => [r.ags, r.rank])).toEqual([
        [A, 2],
        [B, 1],
        [D, 1],
      ]);
      const box = (await lpr.get(`/api/alliance/figures/fact-box?at=2021-02-01&ags=${A}`)).json();
      expect(box.de).toContain(
        'Annaberg-Buchholz ist die 2. Kommune im Erzgebirgskreis, die eine Kooperationsvereinbarung unterzeichnet hat (am 1. Februar 2021).',
      );
      expect(box.en).toContain('2nd municipality in the Erzgebirgskreis');
    });

    it('ties on the same signing date are ranked by AGS', async () => {
      await agreement([B], '2020-02-01');
      await agreement([A], '2020-02-01');
      const list = (await lpr.get('/api/alliance/municipalities?at=2020-02-01&district=14521&sort=ags')).json();
      expect(list.items.map((r: { rank: number }) => r.rank)).toEqual([1, 2]);
    });
  });

  describe('withdrawn municipalities and events dated on the reference date', () => {
    it('a withdrawn municipality drops out of the collaboration until it resumes; the dates themselves count', async () => {
      await agreement([A], '2020-01-01');
      await record(A, { type: 'coaching_started', date: '2020-02-01' });
      await record(A, { type: 'withdrawn', date: '2021-06-01', kind: 'pause' });
      await record(A, { type: 'resumed', date: '2021-09-01' });
      expect((await figures('2021-05-31')).statewide).toMatchObject({ inCollaboration: 1, withdrawn: 0 });
      expect((await figures('2021-06-01')).statewide).toMatchObject({
        inCollaboration: 0,
        withdrawn: 1,
        agreementsInForce: 1,
        coachingRunning: 1,
      });
      expect((await figures('2021-08-31')).statewide).toMatchObject({ inCollaboration: 0, withdrawn: 1 });
      expect((await figures('2021-09-01')).statewide).toMatchObject({ inCollaboration: 1, withdrawn: 0 });
      const paused = (await lpr.get(`/api/alliance/municipalities/${A}?at=2021-07-01`)).json();
      expect(paused.state).toMatchObject({ status: 'paused', withdrawn: 'pause', inCollaboration: false });
    });

    it('an event dated D counts at D: consultation, coaching start and end, analysis completion', async () => {
      const D0 = '2022-04-12';
      await record(B, { type: 'consultation', date: D0 });
      await record(B, { type: 'coaching_started', date: D0 });
      await record(B, { type: 'analysis_started', date: '2022-01-01' });
      await record(B, { type: 'analysis_completed', date: D0 });
      // Coaching or an analysis without an agreement or pre-agreement is not collaboration (decision 005).
      const before = (await figures(addDays(D0, -1))).statewide;
      expect(before).toMatchObject({ advised: 0, coachingRunning: 0, analysesCompleted: 0, analysesUnderWay: 1, inCollaboration: 0 });
      const on = (await figures(D0)).statewide;
      expect(on).toMatchObject({ advised: 1, coachingRunning: 1, analysesCompleted: 1, analysesUnderWay: 0, inCollaboration: 0 });
      await record(B, { type: 'coaching_ended', date: '2023-01-31' });
      expect((await figures('2023-01-30')).statewide.coachingRunning).toBe(1);
      expect((await figures('2023-01-31')).statewide).toMatchObject({ coachingRunning: 0, inCollaboration: 0 });
    });
  });

  describe('row scoping and roles', () => {
    it('coordinators read their own communes, police their directorate, the ministry figures only', async () => {
      const k = await agreement([A], '2020-01-01', {
        signatories: [{ name: 'Rolf Schmidt', function: 'Oberbürgermeister', party: 'municipality', ags: A }],
      });
      const ev = (await record(D, { type: 'consultation', date: '2021-01-01' })).json();
      const coordinator = await ctx.as('coordinator', { communes: [A] });
      expect((await coordinator.get(`/api/alliance/municipalities/${A}`)).statusCode).toBe(200);
      const foreign = await coordinator.get(`/api/alliance/municipalities/${D}`);
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().type).toMatch(/forbidden-scope$/);
      expect((await coordinator.get(`/api/alliance/events/${ev.id}`)).statusCode).toBe(403);
      expect((await coordinator.get(`/api/alliance/agreements/${k.id}`)).statusCode).toBe(200);
      const police = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
      expect((await police.get(`/api/alliance/municipalities/${B}`)).statusCode).toBe(200);
      expect((await police.get(`/api/alliance/municipalities/${D}`)).statusCode).toBe(403);
      const dresdenPolice = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
      expect((await dresdenPolice.get(`/api/alliance/agreements/${k.id}`)).statusCode).toBe(403);
      const ministry = await ctx.as('ministry');
      expect((await ministry.get(`/api/alliance/municipalities/${A}`)).statusCode).toBe(403);
      expect((await ministry.get(`/api/alliance/agreements/${k.id}`)).statusCode).toBe(403);
      expect((await ministry.get(`/api/alliance/events/${ev.id}`)).statusCode).toBe(403);
      expect((await ministry.get('/api/alliance/figures?at=2021-01-01')).statusCode).toBe(200);
      const list = await ministry.get('/api/alliance/municipalities?at=2021-01-01');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('Rolf Schmidt');
      expect(list.json().items.every((r: { canSeeDetail: boolean }) => !r.canSeeDetail)).toBe(true);
      const own = (await coordinator.get('/api/alliance/municipalities?sort=ags')).json();
      expect(own.items.map((r: { canSeeDetail: boolean }) => r.canSeeDetail)).toEqual([true, false, false]);
      const onlyMine = (await coordinator.get('/api/alliance/municipalities?sort=ags&detailOnly=true')).json();
      expect(onlyMine).toMatchObject({ total: 1, items: [{ ags: A, canSeeDetail: true }] });
      expect((await ministry.get('/api/alliance/municipalities?detailOnly=true')).json().total).toBe(0);
    });
  });

  describe('signed documents', () => {
    it('accepts a PDF through the documents module, serves it back with access checks, and refuses anything else', async () => {
      const k = await agreement([A], '2020-01-01');
      const url = `/api/documents?ownerType=alliance_agreement&ownerId=${k.id}`;
      const before = await allianceSnapshot(ctx.db);
      const fake = multipartFile('vertrag.pdf', 'MZ this is no pdf', 'application/pdf');
      const bad = await lpr.post(url, fake.payload, { headers: fake.headers });
      expect(bad.statusCode).toBe(415);
      expect(bad.json().errors[0]).toMatchObject({ field: 'file', code: 'content_type' });
      expect(await allianceSnapshot(ctx.db)).toEqual(before);
      const json = await lpr.post(url, { file: 'x' });
      expect(json.statusCode).toBe(415);

      const pdf = multipartFile('Kooperationsvereinbarung Annaberg.pdf', SAMPLE_PDF, 'application/pdf');
      const ok = await lpr.post(url, pdf.payload, { headers: pdf.headers });
      expect(ok.statusCode, ok.body).toBe(201);
      const doc = ok.json();
      expect(doc).toMatchObject({
        ownerType: 'alliance_agreement',
        ownerId: k.id,
        contentType: 'application/pdf',
        size: SAMPLE_PDF.length,
        fileName: 'Kooperationsvereinbarung Annaberg.pdf',
      });
      expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
      const coordinator = await ctx.as('coordinator', { communes: [A] });
      const got = await coordinator.get(`/api/documents/${doc.id}/content`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.rawPayload.equals(SAMPLE_PDF)).toBe(true);
      expect(String(got.headers['content-disposition'])).toContain('attachment');
      expect((await (await ctx.as('coordinator', { communes: [D] })).get(`/api/documents/${doc.id}/content`)).statusCode).toBe(403);
      expect((await (await ctx.as('ministry')).get(`/api/documents/${doc.id}/content`)).statusCode).toBe(403);
      const audit = (await admin.get(`/api/audit?entityType=document&entityId=${doc.id}`)).json();
      expect(audit.total).toBe(1);
    });
  });

  describe('public page, exports, time series, fact box', () => {
    it('publishes figures only when an admin enabled the public page; the switch is versioned', async () => {
      await agreement([A], '2020-01-01');
      expect((await ctx.anonymous.get('/api/public/alliance/figures')).statusCode).toBe(404);
      expect((await ctx.anonymous.get('/api/public/alliance')).json()).toMatchObject({ enabled: false });
      const settings = (await admin.get('/api/alliance/settings')).json();
      expect((await lpr.patch('/api/alliance/settings', { version: settings.version, publicPage: true })).statusCode).toBe(403);
      const on = await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: true });
      expect(on.statusCode, on.body).toBe(200);
      expect(on.json()).toMatchObject({ publicPage: true, version: settings.version + 1 });
      const stale = await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: false });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ publicPage: true });
      const pub = await ctx.anonymous.get('/api/public/alliance/figures?at=2021-01-01');
      expect(pub.statusCode).toBe(200);
      expect(pub.json().statewide.agreementsInForce).toBe(1);
      const members = await ctx.anonymous.get('/api/public/alliance/members?at=2021-01-01');
      expect(members.statusCode).toBe(200);
      const first = members.json().find((m: { ags: string }) => m.ags === A);
      expect(Object.keys(first).sort()).toEqual(['ags', 'coveredByAgreement', 'districtAgs', 'inCollaboration', 'name', 'status']);
      // Every published figure drills down to a public list with as many rows (names and dates only).
      for (const figure of ALL_FIGURES) {
        const rows = await ctx.anonymous.get(`/api/public/alliance/figure-rows?figure=${figure}&at=2021-01-01`);
        expect(rows.statusCode, rows.body).toBe(200);
        expect(rows.json().total, figure).toBe(pub.json().statewide[figure]);
        expect(rows.json().items, figure).toHaveLength(pub.json().statewide[figure]);
      }
      const covered = (await ctx.anonymous.get('/api/public/alliance/figure-rows?figure=agreementsInForce&at=2021-01-01')).json();
      expect(covered.items).toEqual([{ name: expect.stringContaining('Annaberg'), districtName: null, signedOn: '2020-01-01' }]);
      expect((await ctx.anonymous.get('/api/public/alliance/fact-box?at=2021-01-01')).json().de).toContain(
        '1 Kooperationsvereinbarung geschlossen',
      );
      expect((await ctx.anonymous.get('/api/alliance/figures')).statusCode).toBe(401);
      const off = await admin.patch('/api/alliance/settings', { version: settings.version + 1, publicPage: false });
      expect(off.statusCode).toBe(200);
      expect((await ctx.anonymous.get('/api/public/alliance/members')).statusCode).toBe(404);
      expect((await ctx.anonymous.get('/api/public/alliance/figure-rows?figure=advised')).statusCode).toBe(404);
    });

    it('exports every table as CSV and XLSX', async () => {
      await agreement([A, B], '2020-01-01');
      const ministry = await ctx.as('ministry');
      for (const table of ['statewide', 'districts', 'directorates', 'series', 'municipalities']) {
        const csv = await ministry.get(`/api/alliance/export?table=${table}&format=csv&at=2021-01-01&to=2021-01-01`);
        expect(csv.statusCode, `${table}: ${csv.body}`).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.body.charCodeAt(0)).toBe(0xfeff);
        expect(csv.body.split('\r\n').length).toBeGreaterThan(2);
        const xlsx = await ministry.get(`/api/alliance/export?table=${table}&format=xlsx&at=2021-01-01`);
        expect(xlsx.statusCode).toBe(200);
        expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      }
      const districts = await ministry.get('/api/alliance/export?table=districts&at=2021-01-01');
      expect(districts.body).toContain('Erzgebirgskreis');
      expect(districts.body).toContain('Kooperationsvereinbarungen in Kraft');
      expect((await ministry.get('/api/alliance/export?table=all&format=xlsx&at=2021-01-01')).statusCode).toBe(200);
      // The municipalities table follows the list's filters and order.
      const rowsOf = (body: string) =>
        body
          .slice(1)
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(';')[1]);
      const filtered = await ministry.get(
        '/api/alliance/export?table=municipalities&format=csv&at=2021-01-01&district=14521&sort=ags&order=desc',
      );
      expect(rowsOf(filtered.body)).toEqual([ctx.territory.aue, ctx.territory.annaberg]);
      const byName = await ministry.get(
        `/api/alliance/export?table=municipalities&format=csv&at=2021-01-01&q=${encodeURIComponent('dresd')}`,
      );
      expect(rowsOf(byName.body)).toEqual([ctx.territory.dresdenCity]);
      const coordinator = await ctx.as('coordinator', { communes: [A] });
      expect(rowsOf((await coordinator.get('/api/alliance/export?table=municipalities&format=csv&detailOnly=true')).body)).toEqual([A]);
      const allCsv = await ministry.get('/api/alliance/export?table=all&format=csv');
      expect(allCsv.statusCode).toBe(400);
      expect(allCsv.json().errors[0].field).toBe('table');
    });

    it('monthly time series from the programme start, each point equal to the figures at that date', async () => {
      await record(A, { type: 'consultation', date: '2019-03-10' });
      await agreement([A], '2019-06-15');
      await record(B, { type: 'consultation', date: '2019-06-30' });
      const res = await lpr.get('/api/alliance/figures/series?to=2019-08-20');
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      expect(s.from).toBe('2019-02-06');
      expect(s.points.map((p: { month: string; at: string }) => `${p.month}:${p.at}`)).toEqual([
        '2019-02:2019-02-28',
        '2019-03:2019-03-31',
        '2019-04:2019-04-30',
        '2019-05:2019-05-31',
        '2019-06:2019-06-30',
        '2019-07:2019-07-31',
        '2019-08:2019-08-20',
      ]);
      for (const p of s.points) {
        const { month: _m, at, ...counts } = p;
        expect(counts).toEqual((await figures(at)).statewide);
      }
      const district = (await lpr.get('/api/alliance/figures/series?to=2019-08-20&district=14612')).json();
      expect(district.area).toMatchObject({ level: 'district', key: '14612' });
      expect(district.points.at(-1).advised).toBe(0);
      expect((await lpr.get('/api/alliance/figures/series?from=2020-01-01&to=2019-01-01')).statusCode).toBe(400);
      expect((await lpr.get('/api/alliance/figures/series?district=14999')).statusCode).toBe(400);
    });

    it('writes the fact box of a press release in German', async () => {
      for (const ags of [A, B, D]) await record(ags, { type: 'consultation', date: '2020-01-01' });
      await agreement([A, B], '2020-05-01');
      await record(A, { type: 'coaching_started', date: '2020-06-01' });
      await record(A, { type: 'analysis_started', date: '2020-07-01' });
      await record(A, { type: 'analysis_completed', date: '2020-12-01' });
      const box = (await lpr.get('/api/alliance/figures/fact-box?at=2023-02-23')).json();
      expect(box.de).toBe(
        'Stand 23. Februar 2023: 1 Kooperationsvereinbarung ist mit 2 Kommunen in Kraft. ' +
          'Seit dem Start der Allianz Sichere Sächsische Kommunen am 6. Februar 2019 wurden 3 Kommunen beraten und 1 Kooperationsvereinbarung geschlossen. ' +
          '1 Coachingprozess läuft, 1 Sicherheitsanalyse wurde abgeschlossen. Insgesamt arbeitet die Allianz mit 2 Kommunen zusammen.',
      );
      expect(box.figures).toMatchObject({
        advised: 3,
        agreementsInForce: 1,
        communesCoveredByAgreements: 2,
        coachingRunning: 1,
        analysesCompleted: 1,
        inCollaboration: 2,
      });
    });
  });
});
