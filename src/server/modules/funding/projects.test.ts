import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { pdffonts, pdftotext } from '../../test/poppler.ts';
import { captureLayouts, checkPdfLayout, readStructure, squeeze } from '../../test/pdf-layout-check.ts';
import { multipartFile, SAMPLE_PDF } from '../alliance/test-support.ts';
import { completeSteps, fundingSnapshot } from './test-support.ts';

describe.each(DIALECTS)('prevention projects after the Beccaria standard on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client; // Annaberg-Buchholz
  let lpr: Client;
  let graffiti: number;
  let littering: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    coordinator = await ctx.as('coordinator');
    lpr = await ctx.as('lpr');
    const fields = (await lpr.get('/api/funding/fields-of-action')).json() as { id: number; code: string }[];
    graffiti = fields.find((f) => f.code === 'graffiti')!.id;
    littering = fields.find((f) => f.code === 'littering')!.id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const create = async (body: Record<string, unknown> = {}, client = coordinator) => {
    const res = await client.post('/api/projects', {
      ags: ctx.territory.annaberg,
      title: 'Graffiti-Wettbewerb an Bushaltestellen',
      fieldIds: [graffiti],
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('creates a project as an idea, shows what each Beccaria step lacks, and completes it step by step', async () => {
    const p = await create();
    expect(p).toMatchObject({
      status: 'idea',
      ags: ctx.territory.annaberg,
      municipalityName: 'Annaberg-Buchholz',
      version: 1,
      readyForApplication: false,
      allowedTransitions: ['planned'],
    });
    expect(p.fields.map((f: { code: string }) => f.code)).toEqual(['graffiti']);
    const byStep = Object.fromEntries(p.completeness.map((c: { step: string; state: string; missing: string[] }) => [c.step, c]));
    expect(byStep.problem).toEqual({ step: 'problem', state: 'incomplete', missing: ['problem.description'] });
    expect(byStep.goals.missing).toEqual(['goals.goals', 'goals.targetGroups']);
    expect(byStep.conclusions.state).toBe('later');

    const steps = completeSteps();
    const r1 = await coordinator.patch(`/api/projects/${p.id}`, { version: 1, steps: { problem: steps.problem, causes: steps.causes } });
    expect(r1.statusCode, r1.body).toBe(200);
    const states = (x: { completeness: { step: string; state: string }[] }) =>
      Object.fromEntries(x.completeness.map((c) => [c.step, c.state]));
    expect(states(r1.json())).toMatchObject({ problem: 'complete', causes: 'complete', goals: 'incomplete' });
    // A goal without an indicator is not complete.
    const r2 = await coordinator.patch(`/api/projects/${p.id}`, {
      version: 2,
      steps: { goals: { goals: [{ text: 'Weniger Graffiti' }], targetGroups: [{ name: 'Jugendliche' }] } },
    });
    expect(r2.json().completeness.find((c: { step: string }) => c.step === 'goals').missing).toEqual(['goals.indicators']);
    const r3 = await coordinator.patch(`/api/projects/${p.id}`, {
      version: 3,
      steps: { goals: steps.goals, measures: steps.measures, implementation: steps.implementation, evaluation: steps.evaluation },
    });
    expect(r3.json()).toMatchObject({ readyForApplication: true, version: 4 });
    expect(r3.json().steps.problem.description).toBe(steps.problem.description);
    // Stale version: 409 with the current project.
    const stale = await coordinator.patch(`/api/projects/${p.id}`, { version: 1, title: 'Neu' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(4);
  });

  it('moves the status only along the allowed transitions, and evaluated only when all seven steps are complete', async () => {
    const p = await create({ steps: completeSteps() });
    const move = (status: string, version: number) => coordinator.post(`/api/projects/${p.id}/status`, { version, status });
    const bad = await move('running', 1);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].code).toBe('transition_not_allowed');
    expect((await move('planned', 1)).json()).toMatchObject({ status: 'planned', allowedTransitions: ['idea', 'running'] });
    expect((await move('running', 2)).json().status).toBe('running');
    const completed = (await move('completed', 3)).json();
    expect(completed.status).toBe('completed');
    // Now results and conclusions are due.
    expect(completed.completeness.find((c: { step: string }) => c.step === 'evaluation').missing).toEqual([
      'evaluation.implementationResults',
      'evaluation.effectResults',
    ]);
    const early = await move('evaluated', 4);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].code).toBe('beccaria_incomplete');
    const steps = completeSteps();
    await coordinator.patch(`/api/projects/${p.id}`, {
      version: 4,
      steps: {
        evaluation: { ...steps.evaluation, implementationResults: 'Alle 12 Haltestellen gestaltet.', effectResults: 'Meldungen -40 %.' },
        conclusions: { conclusions: 'Verstetigen.', documentation: 'Bericht im Stadtrat.' },
      },
    });
    expect((await move('evaluated', 5)).json().status).toBe('evaluated');
  });

  it('validates locations as GeoJSON points and areas', async () => {
    const ring = [
      [13.0, 50.58],
      [13.01, 50.58],
      [13.01, 50.59],
      [13.0, 50.58],
    ];
    const ok = await create({
      locations: [
        { label: 'Haltestelle Markt', geometry: { type: 'Point', coordinates: [13.0025, 50.5794] } },
        { label: 'Schulhof', geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    });
    expect(ok.locations).toHaveLength(2);
    for (const [geometry, field] of [
      [{ type: 'Point', coordinates: [200, 50] }, 'body.locations.0.geometry.coordinates.0'],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [13, 50],
              [13.1, 50],
              [13.1, 50.1],
              [13.05, 50.2],
            ],
          ],
        },
        'body.locations.0.geometry.coordinates.0',
      ],
      [
        {
          type: 'LineString',
          coordinates: [
            [13, 50],
            [13.1, 50],
          ],
        },
        'body.locations.0.geometry.type',
      ],
    ] as const) {
      const before = await fundingSnapshot(ctx.db);
      const res = await coordinator.post('/api/projects', {
        ags: ctx.territory.annaberg,
        title: 'X',
        locations: [{ label: 'Ort', geometry }],
      });
      expect(res.statusCode, JSON.stringify(geometry)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await fundingSnapshot(ctx.db)).toEqual(before);
    }
  });

  it('scopes projects: coordinators their communes, police their directorate, the ministry none', async () => {
    const p = await create({ title: 'Nur für Annaberg' });
    const other = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    expect((await other.get(`/api/projects/${p.id}`)).statusCode).toBe(403);
    expect((await other.patch(`/api/projects/${p.id}`, { version: 1, title: 'Übernommen' })).statusCode).toBe(403);
    expect((await other.post('/api/projects', { ags: ctx.territory.annaberg, title: 'Fremd' })).statusCode).toBe(403);
    expect((await other.get('/api/projects')).json().items.map((x: { id: number }) => x.id)).not.toContain(p.id);
    const policeChemnitz = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    const policeDresden = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    expect((await policeChemnitz.get(`/api/projects/${p.id}`)).statusCode).toBe(200);
    expect((await policeChemnitz.patch(`/api/projects/${p.id}`, { version: 1, title: 'Polizei' })).statusCode).toBe(403);
    expect((await policeChemnitz.get(`/api/projects/${p.id}`)).json().applications).toEqual([]);
    expect((await policeChemnitz.get(`/api/projects/${p.id}/dossier.pdf`)).statusCode).toBe(403);
    expect((await policeDresden.get(`/api/projects/${p.id}`)).statusCode).toBe(403);
    expect((await (await ctx.as('ministry')).get('/api/projects')).statusCode).toBe(403);
    const list = (await coordinator.get(`/api/projects?fieldId=${graffiti}&q=annaberg`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await coordinator.get(`/api/projects?fieldId=${littering}`)).json().items.map((x: { id: number }) => x.id)).not.toContain(p.id);
  });

  it('stores documents checked by content and size, and gives them back', async () => {
    const p = await create();
    const up = multipartFile('Konzept.pdf', SAMPLE_PDF, 'application/pdf');
    const res = await coordinator.request('POST', `/api/documents?ownerType=funding_project&ownerId=${p.id}`, up.payload, {
      headers: up.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'Konzept.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.length, kind: 'project' });
    const down = await coordinator.get(`/api/documents/${res.json().id}/content`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toContain('application/pdf');
    expect(Buffer.from(down.rawPayload).equals(SAMPLE_PDF)).toBe(true);

    const before = await fundingSnapshot(ctx.db);
    const exe = multipartFile('Konzept.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf');
    const refused = await coordinator.request('POST', `/api/documents?ownerType=funding_project&ownerId=${p.id}`, exe.payload, {
      headers: exe.headers,
    });
    expect(refused.statusCode).toBe(415);
    const big = multipartFile('gross.pdf', Buffer.concat([SAMPLE_PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    const tooBig = await coordinator.request('POST', `/api/documents?ownerType=funding_project&ownerId=${p.id}`, big.payload, {
      headers: big.headers,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(await fundingSnapshot(ctx.db)).toEqual(before);

    const del = await coordinator.delete(`/api/documents/${res.json().id}`);
    expect(del.statusCode).toBe(204);
    expect((await coordinator.get(`/api/projects/${p.id}`)).json().documents).toEqual([]);
  });

  it('renders the project dossier with every step, partners, locations and documents', async () => {
    const p = await create({
      steps: completeSteps(),
      partners: [
        { name: 'Jugendclub Alte Brauerei', role: 'Durchführung' },
        { name: 'Zdeněk Dvořák', role: 'Crostwitz / Chrósćicy' },
      ],
      locations: [
        { label: 'Haltestelle Markt', geometry: { type: 'Point', coordinates: [13.0025, 50.5794] } },
        { label: 'Lohsa / Łaz', geometry: { type: 'Point', coordinates: [14.4, 51.38] } },
        { label: 'Panschwitz-Kuckau / Pančicy-Kukow', geometry: { type: 'Point', coordinates: [14.2, 51.24] } },
      ],
    });
    const up = multipartFile('Skizze.pdf', SAMPLE_PDF, 'application/pdf');
    await coordinator.request('POST', `/api/documents?ownerType=funding_project&ownerId=${p.id}`, up.payload, { headers: up.headers });
    const { result: res, layouts } = await captureLayouts(() => coordinator.get(`/api/projects/${p.id}/dossier.pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(await checkPdfLayout(res.rawPayload, layouts[0])).toEqual([]);
    const { text, info } = await pdfText(res.rawPayload);
    expect(info.Title).toBe('Projektdossier: Graffiti-Wettbewerb an Bushaltestellen');
    for (const s of [
      '1. Problembeschreibung',
      '7. Schlussfolgerungen und Dokumentation',
      'Jugendclub Alte Brauerei',
      'Haltestelle Markt',
      'Skizze.pdf',
      'Keine Förderanträge',
    ]) {
      expect(text).toContain(s);
    }
    // Sorbian, Polish and Czech letters survive a second reader, in fonts that are all embedded.
    const poppler = (await pdftotext(res.rawPayload)).replace(/\s+/g, ' ');
    for (const name of ['Lohsa / Łaz', 'Crostwitz / Chrósćicy', 'Panschwitz-Kuckau / Pančicy-Kukow', 'Zdeněk Dvořák'])
      expect(poppler).toContain(name);
    // Coordinates in German notation.
    expect(poppler).toContain('Haltestelle Markt: Punkt 50,57940 N, 13,00250 O');
    expect(poppler).not.toContain('13.00250');
    const s = await readStructure(res.rawPayload);
    expect(s.language).toBe('de-DE');
    expect(s.pdfuaPart).toBe('1');
    expect(s.thWithoutScope).toBe(0);
    for (const t of s.tables) expect(t.headerCells).toBeGreaterThan(0);
    expect(s.bookmarks.map(squeeze)).toEqual(s.headings.map((h) => squeeze(h.text)));
    const fonts = await pdffonts(res.rawPayload);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded || !f.subset)).toEqual([]);
  });

  it('lays out an oversized dossier (a long title, long texts, many partners) inside the margins', async () => {
    const long = `Graffiti-Wettbewerb an allen Bushaltestellen von Panschwitz-Kuckau / Pančicy-Kukow, Crostwitz / Chrósćicy und Lohsa / Łaz`;
    const steps = completeSteps();
    steps.problem.description = 'An den Haltestellen häufen sich Schmierereien, die Fahrgäste verunsichern. '.repeat(60);
    const p = await create({
      title: long.slice(0, 200),
      steps,
      partners: Array.from({ length: 40 }, (_, i) => ({
        name: `Partner ${i + 1}: Zdeněk Dvořák`,
        role: 'Beratung und Begleitung vor Ort',
      })),
    });
    const { result: res, layouts } = await captureLayouts(() => coordinator.get(`/api/projects/${p.id}/dossier.pdf`));
    expect(res.statusCode).toBe(200);
    expect(layouts[0]!.pageCount).toBeGreaterThan(2);
    expect(await checkPdfLayout(res.rawPayload, layouts[0])).toEqual([]);
  });

  it('audits every change', async () => {
    const p = await create({ title: 'Audit-Projekt' });
    await coordinator.patch(`/api/projects/${p.id}`, { version: 1, title: 'Audit-Projekt 2' });
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_type', '=', 'funding_project')
      .where('entity_id', '=', String(p.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
  });
});
