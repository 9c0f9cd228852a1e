import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { captureLayouts, checkPdfLayout, readStructure, squeeze } from '../../test/pdf-layout-check.ts';
import { writePageImages } from '../../test/pdf-output.ts';
import { multipartFile, SAMPLE_PDF } from '../alliance/test-support.ts';
import { buildApplicationsInReview, completeSteps, fundingSnapshot, recordConsultation, validPlan } from './test-support.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

describe.each(DIALECTS)('funding programme from application to proof of use on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client; // Annaberg-Buchholz
  let lpr: Client;
  let admin: Client;
  let graffiti: number;
  let drugs: number;
  let programme: { id: number; year: number; version: number };
  let yearSeq = 2030;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    coordinator = await ctx.as('coordinator');
    lpr = await ctx.as('lpr');
    admin = await ctx.as('admin');
    const fields = (await lpr.get('/api/funding/fields-of-action')).json() as { id: number; code: string }[];
    graffiti = fields.find((f) => f.code === 'graffiti')!.id;
    drugs = fields.find((f) => f.code === 'drugs')!.id;
    await recordConsultation(lpr, ctx.territory.annaberg);
    programme = await openProgramme({ budgetCents: 110_000_000 });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A programme whose window is open today. */
  async function openProgramme(o: Record<string, unknown> = {}) {
    const res = await lpr.post('/api/funding/programmes', {
      year: yearSeq++,
      budgetCents: 110_000_000,
      windowOpens: addDays(todayBerlin(), -10),
      windowCloses: addDays(todayBerlin(), 10),
      ...o,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function readyProject(client = coordinator, ags = ctx.territory.annaberg, fieldIds = [graffiti]) {
    const res = await client.post('/api/projects', {
      ags,
      title: 'Graffiti-Wettbewerb an Bushaltestellen',
      fieldIds,
      steps: completeSteps(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  }

  const applicationBody = (projectId: number, programmeId = programme.id, patch: Record<string, unknown> = {}) => ({
    programmeId,
    projectId,
    fieldId: graffiti,
    ...validPlan(),
    ...patch,
  });

  async function draft(programmeId = programme.id, patch: Record<string, unknown> = {}) {
    const project = await readyProject();
    const res = await coordinator.post('/api/funding/applications', applicationBody(project.id, programmeId, patch));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  describe('programmes: rules as data, edited with versions', () => {
    it('opens a programme with the default rules of the guideline', async () => {
      const res = await lpr.post('/api/funding/programmes', { year: 2028, budgetCents: 130_000_000 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        year: 2028,
        budgetCents: 130_000_000,
        windowOpens: '2027-08-31',
        windowCloses: '2027-10-15',
        maxFundingShareBp: 9000,
        minOwnShareBp: 1000,
        minGrantCents: 1_000_000,
        reimbursementThresholdCents: 2_000_000,
        quotas: [],
        publicList: false,
        committedCents: 0,
        version: 1,
      });
      expect((await lpr.post('/api/funding/programmes', { year: 2028, budgetCents: 1 })).statusCode).toBe(409);
      expect((await coordinator.post('/api/funding/programmes', { year: 2029, budgetCents: 1 })).statusCode).toBe(403);
      expect((await (await ctx.as('ministry')).get('/api/funding/programmes')).statusCode).toBe(200);
    });

    it('keeps every version of the rules with its reason, and refuses quotas beyond the budget', async () => {
      const p = await openProgramme({ budgetCents: 100_000_000 });
      const bad = await lpr.patch(`/api/funding/programmes/${p.id}`, {
        version: 1,
        reason: 'Kontingente',
        quotas: [
          { fieldId: graffiti, quotaCents: 60_000_000 },
          { fieldId: drugs, quotaCents: 50_000_000 },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'quotas', code: 'quotas_exceed_budget' });
      const ok = await lpr.patch(`/api/funding/programmes/${p.id}`, {
        version: 1,
        reason: 'Haushalt 2031 beschlossen',
        budgetCents: 120_000_000,
        quotas: [{ fieldId: graffiti, quotaCents: 20_000_000 }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ version: 2, budgetCents: 120_000_000, quotas: [{ fieldId: graffiti, quotaCents: 20_000_000 }] });
      const versions = (await lpr.get(`/api/funding/programmes/${p.id}/versions`)).json();
      expect(
        versions.map((v: { version: number; reason: string; rules: { budgetCents: number } }) => [
          v.version,
          v.reason,
          v.rules.budgetCents,
        ]),
      ).toEqual([
        [2, 'Haushalt 2031 beschlossen', 120_000_000],
        [1, 'Angelegt / created', 100_000_000],
      ]);
      expect((await lpr.patch(`/api/funding/programmes/${p.id}`, { version: 1, reason: 'alt', budgetCents: 1 })).statusCode).toBe(409);
    });
  });

  describe('bad input is refused with a message naming the rule, and nothing is stored', () => {
    async function refused(
      body: unknown,
      status: number,
      rule: { code?: string; text: string },
      path = '/api/funding/applications',
      client = coordinator,
    ) {
      const before = await fundingSnapshot(ctx.db);
      const res = await client.post(path, body);
      expect(res.statusCode, res.body).toBe(status);
      const p = res.json();
      const messages = (p.errors ?? []).map((e: { message: string }) => e.message).join(' | ');
      expect(messages).toContain(rule.text);
      if (rule.code) expect(p.errors.map((e: { code: string }) => e.code)).toEqual([rule.code]);
      expect(await fundingSnapshot(ctx.db)).toEqual(before);
      return p;
    }

    it('a requested share above 90 %', async () => {
      const project = await readyProject();
      // 100,000 eligible + 5,000 investment; 95,000 requested (> 90 %), own 10,000 (the 10 % are met).
      const body = applicationBody(project.id, programme.id, {
        costItems: [
          { category: 'fees', description: 'Honorare', amountCents: 10_000_000 },
          { category: 'investment', description: 'Kamera', amountCents: 500_000 },
        ],
        financing: { ownCents: 1_000_000, thirdPartyCents: 0, requestedCents: 9_500_000 },
      });
      const p = await refused(body, 422, { code: 'max_funding_share', text: 'Regel „Höchstförderquote“' });
      expect(p.detail).toContain('90 %');
      const en = await coordinator.post('/api/funding/applications', body, { headers: { 'accept-language': 'en' } });
      expect(en.json().errors[0].message).toContain('Rule "Maximum funding share"');
    });

    it('an own share under 10 %', async () => {
      const project = await readyProject();
      await refused(
        applicationBody(project.id, programme.id, {
          costItems: [{ category: 'fees', description: 'Honorare', amountCents: 10_000_000 }],
          financing: { ownCents: 500_000, thirdPartyCents: 1_500_000, requestedCents: 8_000_000 },
        }),
        422,
        { code: 'min_own_share', text: 'Regel „Mindesteigenanteil“' },
      );
    });

    it('negative or non-integer-cent amounts', async () => {
      const project = await readyProject();
      const plan = validPlan();
      for (const amount of [-100, 100.5]) {
        const items = plan.costItems.map((i, n) => (n === 1 ? { ...i, amountCents: amount } : i));
        const p = await refused(applicationBody(project.id, programme.id, { costItems: items }), 400, {
          text: 'Regel „Geldbeträge in ganzen Cent“',
        });
        expect(p.errors[0].field).toBe('body.costItems.1.amountCents');
      }
      await refused(applicationBody(project.id, programme.id, { financing: { ...plan.financing, requestedCents: 3_060_000.25 } }), 400, {
        text: 'Regel „Geldbeträge in ganzen Cent“',
      });
    });

    it('an investment item counted as eligible', async () => {
      const project = await readyProject();
      const plan = validPlan();
      const p = await refused(
        applicationBody(project.id, programme.id, {
          costItems: plan.costItems.map((i) => (i.category === 'investment' ? { ...i, eligible: true } : i)),
        }),
        422,
        { code: 'investment_ineligible', text: 'Regel „Investitionen nicht förderfähig“' },
      );
      expect(p.errors[0].field).toBe('costItems.3.eligible');
    });

    it('a submission outside the window (council staff may override it with a reason)', async () => {
      const closed = await openProgramme({ windowOpens: addDays(todayBerlin(), -60), windowCloses: addDays(todayBerlin(), -30) });
      const a = await draft(closed.id);
      expect(a.violations.map((v: { rule: string }) => v.rule)).toEqual(['application_window']);
      await refused(
        { version: a.version },
        422,
        { code: 'application_window', text: 'Regel „Antragsfrist“' },
        `/api/funding/applications/${a.id}/submit`,
      );
      // A coordinator cannot give the override; council staff can, with a reason that is kept.
      expect(
        (await coordinator.post(`/api/funding/applications/${a.id}/submit`, { version: a.version, windowOverrideReason: 'Bitte' }))
          .statusCode,
      ).toBe(403);
      const ok = await lpr.post(`/api/funding/applications/${a.id}/submit`, {
        version: a.version,
        windowOverrideReason: 'Posteingang am 14.10., Erfassung verspätet',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'submitted', windowOverrideReason: 'Posteingang am 14.10., Erfassung verspätet' });
    });

    it('an application without a prior consultation', async () => {
      const aueCoordinator = await ctx.as('coordinator', { communes: [ctx.territory.aue] });
      const project = await readyProject(aueCoordinator, ctx.territory.aue);
      await refused(
        applicationBody(project.id),
        422,
        { code: 'prior_consultation', text: 'Regel „Vorherige Beratung durch den Landespräventionsrat“' },
        '/api/funding/applications',
        aueCoordinator,
      );
      // A consultation recorded later than today does not count; one recorded now does.
      await recordConsultation(lpr, ctx.territory.aue, todayBerlin());
      expect((await aueCoordinator.post('/api/funding/applications', applicationBody(project.id))).statusCode).toBe(201);
    });

    it('further rules: staff cost cap, balanced financing, minimum grant, field of action, Beccaria description', async () => {
      const project = await readyProject();
      const plan = validPlan();
      const over = plan.costItems.map((i) => (i.category === 'staff' ? { ...i, amountCents: 3_200_000 } : i));
      await refused(applicationBody(project.id, programme.id, { costItems: over }), 422, { text: 'Regel „Personalkostenobergrenze“' });
      await refused(applicationBody(project.id, programme.id, { financing: { ...plan.financing, ownCents: 600_000 } }), 422, {
        code: 'financing_balanced',
        text: 'Regel „Ausgeglichener Finanzierungsplan“',
      });
      await refused(applicationBody(project.id, programme.id, { fieldId: drugs }), 422, {
        code: 'field_of_action',
        text: 'Regel „Handlungsfeld des Projekts“',
      });
      const small = {
        costItems: [{ category: 'fees', description: 'Workshop', amountCents: 500_000 }],
        financing: { ownCents: 50_000, requestedCents: 450_000 },
      };
      await refused(applicationBody(project.id, programme.id, small), 422, { code: 'min_grant', text: 'Regel „Mindestzuwendung“' });
      expect(
        (
          await coordinator.post(
            '/api/funding/applications',
            applicationBody(project.id, programme.id, { ...small, smallGrantJustification: 'Pilot in einer kleinen Gemeinde' }),
          )
        ).statusCode,
      ).toBe(201);
      // A project whose description is incomplete can be drafted, not submitted.
      const bare = (await coordinator.post('/api/projects', { ags: ctx.territory.annaberg, title: 'Skizze', fieldIds: [graffiti] })).json();
      const a = (await coordinator.post('/api/funding/applications', applicationBody(bare.id))).json();
      expect(a.violations.map((v: { rule: string }) => v.rule)).toEqual(['beccaria_description']);
      await refused(
        { version: a.version },
        422,
        { code: 'beccaria_description', text: 'Regel „Projektbeschreibung nach dem Beccaria-Standard“' },
        `/api/funding/applications/${a.id}/submit`,
      );
    });
  });

  describe('from submission to proof of use', () => {
    it('submits, reviews, approves partly, issues the grant notice, pays, checks the proof and demands repayment', async () => {
      const a = await draft();
      expect(a).toMatchObject({ status: 'draft', violations: [], totals: { totalCents: 3_700_000, eligibleCents: 3_400_000 } });
      expect(a.costItems.find((i: { category: string }) => i.category === 'investment').eligible).toBe(false);
      expect(a.beccaria.problem.description).toContain('Graffiti');
      const sub = await coordinator.post(`/api/funding/applications/${a.id}/submit`, { version: a.version });
      expect(sub.statusCode, sub.body).toBe(200);
      expect(
        (await coordinator.patch(`/api/funding/applications/${a.id}`, { version: sub.json().version, title: 'später' })).statusCode,
      ).toBe(422);

      const reviewers = (await lpr.get('/api/funding/reviewers')).json();
      expect(reviewers.map((r: { id: number }) => r.id)).toContain(lpr.user!.id);
      expect((await coordinator.post(`/api/funding/applications/${a.id}/reviewers`, { version: 2, userId: lpr.user!.id })).statusCode).toBe(
        403,
      );
      const assigned = await admin.post(`/api/funding/applications/${a.id}/reviewers`, {
        version: sub.json().version,
        userId: lpr.user!.id,
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
      expect(assigned.json().status).toBe('in_review');
      const review = assigned.json().reviews[0];
      const scores = { need: 5, beccaria: 4, feasibility: 4, cost_efficiency: 3, sustainability: 4 };
      expect(
        (await admin.request('PUT', `/api/funding/applications/${a.id}/reviews/${review.id}`, { version: 1, scores, comment: 'x' }))
          .statusCode,
      ).toBe(200);
      const other = await ctx.as('lpr');
      expect(
        (await other.put(`/api/funding/applications/${a.id}/reviews/${review.id}`, { version: 2, scores, comment: 'fremd' })).statusCode,
      ).toBe(403);
      const reviewed = await lpr.put(`/api/funding/applications/${a.id}/reviews/${review.id}`, {
        version: 2,
        scores,
        comment: 'Schlüssig; Öffentlichkeitsarbeit kürzen.',
      });
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      const rec = await lpr.post(`/api/funding/applications/${a.id}/recommendation`, {
        version: reviewed.json().version,
        recommendation: 'approve_partly',
        amountCents: 2_500_000,
        summary: 'Teilbewilligung ohne Plakate.',
      });
      expect(rec.statusCode, rec.body).toBe(200);
      expect(rec.json().recommendation).toMatchObject({ recommendation: 'approve_partly', amountCents: 2_500_000 });
      expect(reviewed.json().averageScores).toMatchObject({ need: 5, cost_efficiency: 3 });
      // The coordinator sees neither reviews nor the recommendation.
      const seen = (await coordinator.get(`/api/funding/applications/${a.id}`)).json();
      expect(seen.reviews).toEqual([]);
      expect(seen.recommendation).toBeNull();
      expect(seen.averageScores).toBeNull();
      expect((await coordinator.get(`/api/funding/applications/${a.id}/notice.pdf`)).statusCode).toBe(422);

      const tooMuch = await lpr.post(`/api/funding/applications/${a.id}/decision`, {
        version: rec.json().version,
        outcome: 'partly_approved',
        amountCents: 3_060_000,
      });
      expect(tooMuch.statusCode).toBe(422);
      expect(tooMuch.json().errors[0].code).toBe('decision_amount');
      const decided = await lpr.post(`/api/funding/applications/${a.id}/decision`, {
        version: rec.json().version,
        outcome: 'partly_approved',
        amountCents: 2_500_000,
        reason: 'Öffentlichkeitsarbeit nur anteilig.',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({
        status: 'partly_approved',
        decision: { outcome: 'partly_approved', approvedCents: 2_500_000, noticeNumber: `ZB-${programme.year}-0001` },
      });
      const again = await lpr.post(`/api/funding/applications/${a.id}/decision`, { version: decided.json().version, outcome: 'approved' });
      expect(again.json().errors[0].code).toBe('already_decided');

      const { result: notice, layouts } = await captureLayouts(() => coordinator.get(`/api/funding/applications/${a.id}/notice.pdf`));
      expect(notice.statusCode).toBe(200);
      expect(await checkPdfLayout(notice.rawPayload, layouts[0])).toEqual([]);
      const structure = await readStructure(notice.rawPayload);
      expect(structure).toMatchObject({ language: 'de-DE', pdfuaPart: '1', displayDocTitle: true, thWithoutScope: 0 });
      expect(structure.bookmarks.map(squeeze)).toEqual(structure.headings.map((h) => squeeze(h.text)));
      // The notice's pages as images for a reviewer (test-output/pdf/).
      await writePageImages(notice.rawPayload, `grant-notice-${dialect}`, [1, 2]);
      const { text } = await pdfText(notice.rawPayload);
      expect(text).toContain('Zuwendungsbescheid (Teilbewilligung)');
      expect(text).toContain('in Höhe von 25.000,00 €');
      expect(text).toContain(`ZB-${programme.year}-0001`);

      // Payments: an advance (the grant is above 20,000 EUR), then paid.
      const over = await coordinator.post(`/api/funding/applications/${a.id}/payments`, { kind: 'advance', requestedCents: 2_600_000 });
      expect(over.json().errors[0].code).toBe('payments_within_grant');
      const req1 = await coordinator.post(`/api/funding/applications/${a.id}/payments`, {
        kind: 'advance',
        requestedCents: 2_500_000,
        note: 'Abschlag',
      });
      expect(req1.statusCode, req1.body).toBe(201);
      const payment = req1.json().payments[0];
      expect(
        (await coordinator.post(`/api/funding/payments/${payment.id}/paid`, { version: 1, paidCents: 2_500_000, paidOn: todayBerlin() }))
          .statusCode,
      ).toBe(403);
      expect(
        (await lpr.post(`/api/funding/payments/${payment.id}/paid`, { version: 1, paidCents: 2_500_001, paidOn: todayBerlin() })).json()
          .errors[0].code,
      ).toBe('paid_within_requested');
      const paid = await lpr.post(`/api/funding/payments/${payment.id}/paid`, { version: 1, paidCents: 2_500_000, paidOn: todayBerlin() });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json().paidCents).toBe(2_500_000);

      // Proof of use with lower eligible costs: the grant is reduced pro rata and the surplus demanded back.
      const proof = await coordinator.put(`/api/funding/applications/${a.id}/proof`, {
        version: 0,
        actualCosts: { staff: 2_200_000, material: 500_000, public_relations: 300_000, investment: 300_000 },
        report: 'Zwölf Haltestellen gestaltet; Einweihung mit 200 Gästen.',
      });
      expect(proof.statusCode, proof.body).toBe(200);
      expect(proof.json().proof).toMatchObject({ actualTotalCents: 3_300_000, actualEligibleCents: 3_000_000, status: 'submitted' });
      const up = multipartFile('Sachbericht.pdf', SAMPLE_PDF, 'application/pdf');
      const doc = await coordinator.request('POST', `/api/documents?ownerType=funding_application&ownerId=${a.id}`, up.payload, {
        headers: up.headers,
      });
      expect(doc.statusCode, doc.body).toBe(201);
      expect(doc.json()).toMatchObject({ kind: 'proof', ownerType: 'funding_application', ownerId: a.id });
      const checked = await lpr.post(`/api/funding/applications/${a.id}/proof/check`, {
        version: 1,
        checkedEligibleCents: 3_000_000,
        note: 'Belege geprüft.',
      });
      expect(checked.statusCode, checked.body).toBe(200);
      // floor(3,000,000 × 2,500,000 / 3,400,000) = 2,205,882 cents due; 294,118 cents back.
      expect(checked.json()).toMatchObject({
        status: 'repayment_demanded',
        repaymentCents: 294_118,
        proof: { entitledCents: 2_205_882, repaymentCents: 294_118, status: 'repayment_demanded' },
      });
      expect(checked.json().documents.map((d: { fileName: string }) => d.fileName)).toEqual(['Sachbericht.pdf']);

      const overview = (await (await ctx.as('ministry')).get(`/api/funding/programmes/${programme.id}/overview`)).json();
      const mine = overview.byField.find((f: { field: { code: string } }) => f.field.code === 'graffiti');
      expect(mine.committedCents).toBeGreaterThanOrEqual(2_500_000);
      expect(overview.totals.paidCents).toBeGreaterThanOrEqual(2_500_000);
      expect(overview.totals.repaidCents).toBeGreaterThanOrEqual(294_118);
      expect(overview.totals.freeCents).toBe(overview.totals.budgetCents - overview.totals.committedCents);
      const district = overview.byDistrict.find((d: { districtAgs: string }) => d.districtAgs === ctx.territory.erzgebirge);
      expect(district.committedCents).toBe(mine.committedCents);

      const dossier = await coordinator.get(`/api/projects/${a.projectId}/dossier.pdf`);
      const dossierText = (await pdfText(dossier.rawPayload)).text;
      expect(dossierText).toContain('25.000,00 €');
      expect(dossierText).toContain('Rückforderung 2.941,18 €');

      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', 'in', ['funding_application', 'funding_review', 'funding_payment', 'funding_proof'])
        .orderBy('id')
        .execute();
      for (const act of [
        'create',
        'submit',
        'assign_reviewer',
        'review',
        'recommend',
        'decide',
        'request_payment',
        'pay',
        'submit_proof',
        'check_proof',
      ]) {
        expect(audit.map((r) => r.action)).toContain(act);
      }
    });

    it('reports the budget overview exactly, lists funded projects, publishes them, and exports CSV and XLSX', async () => {
      const p = await openProgramme({ budgetCents: 10_000_000, quotas: [{ fieldId: graffiti, quotaCents: 6_000_000 }] });
      const ids = await buildApplicationsInReview(ctx.db, {
        programmeId: p.id,
        ags: ctx.territory.annaberg,
        fieldId: graffiti,
        count: 3,
        requestedCents: 2_000_000,
        createdBy: coordinator.user!.id,
      });
      await lpr.post(`/api/funding/applications/${ids[0]}/decision`, { version: 1, outcome: 'approved' });
      await lpr.post(`/api/funding/applications/${ids[1]}/decision`, {
        version: 1,
        outcome: 'partly_approved',
        amountCents: 1_500_000,
        smallGrantException: '',
      });
      await lpr.post(`/api/funding/applications/${ids[2]}/decision`, {
        version: 1,
        outcome: 'rejected',
        reason: 'Kein Bezug zur Problemlage.',
      });
      const o = (await lpr.get(`/api/funding/programmes/${p.id}/overview`)).json();
      expect(o.totals).toEqual({
        budgetCents: 10_000_000,
        requestedCents: 6_000_000,
        committedCents: 3_500_000,
        paidCents: 0,
        repaidCents: 0,
        freeCents: 6_500_000,
        applications: 3,
        submitted: 0,
        approved: 2,
        rejected: 1,
      });
      expect(o.byField).toEqual([
        expect.objectContaining({ quotaCents: 6_000_000, committedCents: 3_500_000, freeInQuotaCents: 2_500_000, applications: 3 }),
      ]);
      expect(o.byDistrict).toEqual([
        expect.objectContaining({ districtAgs: '14521', districtName: 'Erzgebirgskreis', committedCents: 3_500_000 }),
      ]);
      // The overview's cached sums follow a later submission (another server would see it too: the key is in the database).
      const late = await draft(p.id);
      expect((await lpr.get(`/api/funding/programmes/${p.id}/overview`)).json().totals.requestedCents).toBe(6_000_000);
      await coordinator.post(`/api/funding/applications/${late.id}/submit`, { version: late.version });
      expect((await lpr.get(`/api/funding/programmes/${p.id}/overview`)).json().totals).toMatchObject({
        requestedCents: 9_060_000,
        submitted: 1,
        applications: 4,
      });

      const funded = (await lpr.get(`/api/funding/programmes/${p.id}/funded`)).json();
      expect(funded.items.map((i: { approvedCents: number }) => i.approvedCents).sort()).toEqual([1_500_000, 2_000_000]);
      expect(funded.totalApprovedCents).toBe(3_500_000);

      expect((await ctx.anonymous.get(`/api/public/funding/programmes/${p.year}/funded`)).statusCode).toBe(404);
      expect((await lpr.post(`/api/funding/programmes/${p.id}/publication`, { version: 1, publicList: true })).statusCode).toBe(403);
      const pub = await admin.post(`/api/funding/programmes/${p.id}/publication`, { version: 1, publicList: true });
      expect(pub.statusCode, pub.body).toBe(200);
      const open = await ctx.anonymous.get(`/api/public/funding/programmes/${p.year}/funded`);
      expect(open.statusCode).toBe(200);
      expect(open.json().items).toHaveLength(2);
      expect((await ctx.anonymous.get('/api/public/funding/programmes')).json()).toContainEqual({ year: p.year, name: expect.any(String) });

      const csv = await lpr.get(`/api/funding/programmes/${p.id}/export?table=overview&format=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Budget (EUR)');
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(csv.body).toContain(`${p.year};100000;90600;35000;0;0;65000;4`);
      const rfc = await lpr.get(`/api/funding/programmes/${p.id}/export?table=overview&format=csv&dialect=rfc4180`);
      expect(rfc.body).toContain(`${p.year},100000,90600,35000,0,0,65000,4`);
      const xlsx = await lpr.get(`/api/funding/programmes/${p.id}/export?table=funded&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const sheet = await readXlsxFile(Buffer.from(xlsx.rawPayload));
      const rows = (Array.isArray(sheet[0]) ? sheet : (sheet as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][];
      expect(rows[0]).toContain('Bewilligt (EUR)');
      expect(
        rows
          .slice(1)
          .map((r) => r[6])
          .sort(),
      ).toEqual([15000, 20000]);
    });
  });

  describe('commitments never exceed the budget or a quota', () => {
    it(
      '200 concurrent approvals against a budget that fits 37: exactly 37 succeed, every other gets 409',
      { timeout: 120_000 },
      async () => {
        const p = await openProgramme({ budgetCents: 37 * 1_100_000 + 500_000 });
        const ids = await buildApplicationsInReview(ctx.db, {
          programmeId: p.id,
          ags: ctx.territory.annaberg,
          fieldId: graffiti,
          count: 200,
          requestedCents: 1_100_000,
          createdBy: coordinator.user!.id,
        });
        const results = await Promise.all(
          ids.map((id) => lpr.post(`/api/funding/applications/${id}/decision`, { version: 1, outcome: 'approved' })),
        );
        const codes = results.map((r) => r.statusCode);
        expect(codes.filter((c) => c === 200)).toHaveLength(37);
        expect(codes.filter((c) => c === 409)).toHaveLength(163);
        for (const r of results.filter((x) => x.statusCode === 409)) {
          const body = r.json();
          expect(body.errors[0]).toMatchObject({ field: 'amountCents', code: 'programme_budget' });
          expect(body.detail).toContain('freien Mittel');
        }
        const sum = await ctx.db
          .selectFrom('funding_applications')
          .select((eb) => eb.fn.sum<number>('approved_cents').as('s'))
          .where('programme_id', '=', p.id)
          .where('status', '=', 'approved')
          .executeTakeFirstOrThrow();
        expect(Number(sum.s)).toBe(37 * 1_100_000);
        expect(Number(sum.s)).toBeLessThanOrEqual(p.budgetCents);
        const o = (await lpr.get(`/api/funding/programmes/${p.id}/overview`)).json();
        expect(o.totals).toMatchObject({ committedCents: 37 * 1_100_000, freeCents: 500_000, approved: 37, submitted: 163 });
        // The refused ones are still in review, unchanged.
        const still = await ctx.db
          .selectFrom('funding_applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('programme_id', '=', p.id)
          .where('status', '=', 'in_review')
          .where('version', '=', 1)
          .executeTakeFirstOrThrow();
        expect(Number(still.n)).toBe(163);
      },
    );

    it('concurrent approvals against a field quota: the quota holds, refusals name it', { timeout: 60_000 }, async () => {
      const p = await openProgramme({ budgetCents: 100_000_000, quotas: [{ fieldId: graffiti, quotaCents: 5_000_000 }] });
      const ids = await buildApplicationsInReview(ctx.db, {
        programmeId: p.id,
        ags: ctx.territory.annaberg,
        fieldId: graffiti,
        count: 40,
        requestedCents: 1_200_000,
        createdBy: coordinator.user!.id,
      });
      const results = await Promise.all(
        ids.map((id) => lpr.post(`/api/funding/applications/${id}/decision`, { version: 1, outcome: 'approved' })),
      );
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(4);
      const refusedCodes = new Set(results.filter((r) => r.statusCode !== 200).map((r) => `${r.statusCode} ${r.json().errors[0].code}`));
      expect([...refusedCodes]).toEqual(['409 field_quota']);
      // A budget cut below the commitments is refused as well.
      const cut = await lpr.patch(`/api/funding/programmes/${p.id}`, {
        version: 1,
        reason: 'Kürzung',
        quotas: [{ fieldId: graffiti, quotaCents: 4_000_000 }],
      });
      expect(cut.statusCode).toBe(400);
      expect(cut.json().errors[0].code).toBe('below_commitments');
    });
  });
});
