import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { captureLayouts, checkPdfLayout, readStructure } from '../../test/pdf-layout-check.ts';
import { pdffonts, pdftotext } from '../../test/poppler.ts';
import { createPerson } from '../organisations/test-support.ts';

describe.each(DIALECTS)('training on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let coordinator: Client;
  let A: string;
  let beccaria: { id: number; modules: { position: number }[] };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    lpr = await ctx.as('lpr');
    coordinator = await ctx.as('coordinator', { communes: [A] });
    const programmes = (await lpr.get('/api/training/programmes')).json();
    beccaria = programmes.find((p: { code: string }) => p.code === 'beccaria');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('knows the programmes: Beccaria with four modules, the B.A./M.A. study programme, workshops', async () => {
    const programmes = (await coordinator.get('/api/training/programmes')).json();
    expect(programmes.map((p: { code: string }) => p.code)).toEqual(['beccaria', 'pm-ba', 'pm-ma', 'workshop']);
    expect(beccaria.modules.map((m: { position: number }) => m.position)).toEqual([1, 2, 3, 4]);
  });

  it('refuses an enrolment in a full course with a message at courseId; completes with all modules and issues a PDF certificate', async () => {
    const dates = [1, 2, 3, 4].flatMap((m) => [
      { modulePosition: m, startsOn: `2025-0${m}-07`, endsOn: `2025-0${m}-08`, place: 'Bautzen' },
      { modulePosition: m, startsOn: `2025-0${m}-21`, endsOn: `2025-0${m}-22`, place: 'Bautzen' },
    ]);
    const created = await lpr.post('/api/training/courses', {
      programmeId: beccaria.id,
      title: 'Jahrgang 2025 Lohsa / Łaz und Panschwitz-Kuckau / Pančicy-Kukow',
      place: 'Crostwitz / Chrósćicy',
      capacity: 2,
      dates,
    });
    expect(created.statusCode, created.body).toBe(201);
    const course = created.json();
    expect(course).toMatchObject({ capacity: 2, free: 2, startsOn: '2025-01-07', endsOn: '2025-04-22' });
    const p1 = await createPerson(coordinator, A, { firstName: 'Zdeněk', lastName: 'Dvořák' });
    const p2 = await createPerson(coordinator, A);
    const p3 = await createPerson(coordinator, A);
    const e1 = await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p1.id, enrolledOn: '2024-12-01' });
    expect(e1.statusCode, e1.body).toBe(201);
    expect((await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p2.id })).statusCode).toBe(201);
    const full = await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p3.id });
    expect(full.statusCode).toBe(422);
    expect(full.json().errors[0]).toMatchObject({ field: 'courseId', code: 'course_full' });
    expect(full.json().errors[0].message).toContain('ausgebucht');
    const twice = await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p1.id });
    expect(twice.json().errors[0]).toMatchObject({ field: 'personId', code: 'already_enrolled' });

    // Coordinators do not record completion; the LPR does, and only with every module attended.
    const enrolment = e1.json();
    expect(
      (await coordinator.patch(`/api/training/enrolments/${enrolment.id}`, { version: enrolment.version, status: 'completed' })).statusCode,
    ).toBe(403);
    const missing = await lpr.patch(`/api/training/enrolments/${enrolment.id}`, {
      version: enrolment.version,
      attendedModules: [1, 2, 3],
      status: 'completed',
      completedOn: '2025-04-22',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ field: 'status', code: 'modules_missing' });
    const done = await lpr.patch(`/api/training/enrolments/${enrolment.id}`, {
      version: enrolment.version,
      attendedModules: [1, 2, 3, 4],
      status: 'completed',
      completedOn: '2025-04-22',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      attendedModules: [1, 2, 3, 4],
      certificateNumber: expect.stringMatching(/^PRV-2025-/),
    });
    const { result: pdf, layouts } = await captureLayouts(() => coordinator.get(`/api/training/enrolments/${enrolment.id}/certificate`));
    expect(pdf.statusCode).toBe(200);
    expect(await checkPdfLayout(pdf.rawPayload, layouts[0])).toEqual([]);
    expect(await readStructure(pdf.rawPayload)).toMatchObject({ language: 'de-DE', pdfuaPart: '1', displayDocTitle: true });
    const text = (await pdfText(pdf.rawPayload)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Zertifikat');
    expect(text).toContain('Zdeněk Dvořák');
    // Read by poppler, whitespace aside (a centred line may wrap).
    const poppler = (await pdftotext(pdf.rawPayload)).replace(/\s+/g, '');
    for (const name of ['Lohsa / Łaz', 'Crostwitz / Chrósćicy', 'Panschwitz-Kuckau / Pančicy-Kukow', 'Zdeněk Dvořák'])
      expect(poppler).toContain(name.replace(/\s+/g, ''));
    expect((await pdffonts(pdf.rawPayload)).filter((f) => !f.embedded || !f.subset)).toEqual([]);
    expect(text).toContain('Fachkraft für Kriminalprävention');
    expect(text).toContain('22.04.2025');

    // A withdrawal frees the seat.
    const e2 = (await coordinator.get(`/api/training/courses/${course.id}`))
      .json()
      .enrolments.find((e: { personId: number }) => e.personId === p2.id);
    expect((await coordinator.patch(`/api/training/enrolments/${e2.id}`, { version: e2.version, status: 'withdrawn' })).statusCode).toBe(
      200,
    );
    expect((await coordinator.post(`/api/training/courses/${course.id}/enrolments`, { personId: p3.id })).statusCode).toBe(201);
  });

  it('counts enrolments per municipality, district and year, exportable as CSV and XLSX; other coordinators see no names', async () => {
    const byDistrict = (await lpr.get('/api/training/figures?level=district&year=2025')).json();
    expect(byDistrict.rows).toEqual([
      { key: ctx.territory.erzgebirge, name: 'Erzgebirgskreis', year: 2025, enrolments: 3, completions: 1, withdrawn: 1 },
    ]);
    const byMunicipality = (await (await ctx.as('ministry')).get('/api/training/figures?level=municipality')).json();
    expect(byMunicipality.rows[0]).toMatchObject({ key: A, name: 'Annaberg-Buchholz', enrolments: 3 });
    const csv = await lpr.get('/api/training/figures/export?level=district&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('\ufeffJahr;Kreisschlüssel;Kreis;Anmeldungen;Abschlüsse;Abmeldungen\r\n');
    expect(csv.body).toContain('2025;14521;Erzgebirgskreis;3;1;1');
    const xlsx = await lpr.get('/api/training/figures/export?level=municipality&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    const course = (await other.get('/api/training/courses')).json().items[0];
    expect((await other.get(`/api/training/courses/${course.id}`)).json().enrolments).toEqual([]);
  });
});
