import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { captureLayouts, checkPdfLayout, readStructure, squeeze } from '../../test/pdf-layout-check.ts';
import { buildDemoDirectory, buildMunicipality } from '../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { writePageImages } from '../../test/pdf-output.ts';
import { pdftotext } from '../../test/poppler.ts';
import { DEMO_LABEL_LINE } from '../../lib/demo-label.ts';
import { runDemo } from '../alliance/index.ts';
import { statewideEffects } from '../effects/index.ts';
import { addMunicipalFigures, buildAgreement } from '../effects/test-support.ts';
import { addDemoFunding } from '../funding/index.ts';
import { createPerson } from '../organisations/test-support.ts';
import { renderAnnualReportPdf } from './annual-report.pdf.ts';
import { insertVersion } from './annual-report.repository.ts';

/*
 * The annual report through the API on both dialects, on the demo history of a small directory
 * with the demo funding programme (2025): its figures are the figures engine's, freezing keeps a
 * version unchanged while the data move on, the exports carry the same numbers, and only admin,
 * LPR staff and the ministry read it (the public only a frozen version, with the public page on).
 */

const YEAR = 2025;

type Figure = { key: string; current: number; previous: number; change: number };

describe.each(DIALECTS)('annual report on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let lpr: Client;
  let ministry: Client;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await buildDemoDirectory(ctx.db, { districts: 3, municipalities: 40, directorates: 2 });
    admin = await ctx.as('admin');
    lpr = await ctx.as('lpr');
    ministry = await ctx.as('ministry');
    await ctx.db.transaction().execute(async (trx) => {
      await runDemo(trx, SYSTEM_ACTOR, { force: false });
      await addDemoFunding(trx, SYSTEM_ACTOR, {});
    });
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('shows the figures engine’s network figures at the end of the year and of the year before, and the municipalities that joined', async () => {
    const res = await ministry.get(`/api/annual-reports/${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.number).toBeNull();
    const s = report.snapshot;
    expect(s).toMatchObject({ year: YEAR, from: '2025-01-01', to: '2025-12-31', previousTo: '2024-12-31' });
    const end = (await ministry.get('/api/alliance/figures?at=2025-12-31')).json();
    const before = (await ministry.get('/api/alliance/figures?at=2024-12-31')).json();
    expect(s.figures.length).toBeGreaterThanOrEqual(10);
    for (const f of s.figures as Figure[]) {
      expect(f.current, f.key).toBe(end.statewide[f.key]);
      expect(f.previous, f.key).toBe(before.statewide[f.key]);
      expect(f.change, f.key).toBe(end.statewide[f.key] - before.statewide[f.key]);
    }
    // The demo history has a network that grew: the report is not a table of zeros.
    expect(s.figures.find((f: Figure) => f.key === 'advised').current).toBeGreaterThan(0);
    const coachingAnalyses = s.coachingAnalyses;
    expect(coachingAnalyses.coachingRunning).toBe(end.statewide.coachingRunning);
    expect(coachingAnalyses.analysesCompletedInYear).toBe(end.statewide.analysesCompleted - before.statewide.analysesCompleted);
    for (const d of s.districts) {
      const e = end.districts.find((x: { ags: string }) => x.ags === d.ags);
      expect(d.inCollaboration).toBe(e.inCollaboration);
      expect(d.communesCoveredByAgreements).toBe(e.communesCoveredByAgreements);
    }

    // Joined: every municipality whose first agreement is dated in the year, by the status list of the same engine.
    const list = (await admin.get('/api/alliance/municipalities?at=2025-12-31&pageSize=100')).json();
    const expected = list.items
      .filter((m: { firstAgreementSignedOn: string | null }) => m.firstAgreementSignedOn?.startsWith(String(YEAR)))
      .map((m: { ags: string; rank: number }) => ({ ags: m.ags, rank: m.rank }));
    expect(
      s.joined
        .map((j: { ags: string; rank: number }) => ({ ags: j.ags, rank: j.rank }))
        .sort((a: { ags: string }, b: { ags: string }) => a.ags.localeCompare(b.ags)),
    ).toEqual(expected.sort((a: { ags: string }, b: { ags: string }) => a.ags.localeCompare(b.ags)));
    expect(s.joined.length).toBeGreaterThan(0);
    // The fact box is the alliance's for the last day of the year.
    const factBox = (await ministry.get('/api/alliance/figures/fact-box?at=2025-12-31')).json();
    expect(s.factBox.de).toBe(factBox.de);
    expect(s.sections).toEqual(['figures', 'joined', 'funding', 'training', 'coachingAnalyses', 'factBox']);
  });

  it('lists no effects section for a year without estimates', async () => {
    const effects = await statewideEffects(ctx.db, { year: YEAR });
    expect(effects.fields.length).toBeGreaterThan(0);
    expect(effects.fields.every((f) => f.shown === 0 && f.pooled === null)).toBe(true);
    const s = (await ministry.get(`/api/annual-reports/${YEAR}`)).json().snapshot;
    expect(s.sections).not.toContain('effects');
    expect(s).not.toHaveProperty('effects');
  });

  it('shows funding by field of action against the programme budget, with the funded projects', async () => {
    const s = (await ministry.get(`/api/annual-reports/${YEAR}`)).json().snapshot;
    const programmes = (await lpr.get('/api/funding/programmes')).json();
    const programme = (Array.isArray(programmes) ? programmes : programmes.items).find((p: { year: number }) => p.year === YEAR);
    const overview = (await lpr.get(`/api/funding/programmes/${programme.id}/overview`)).json();
    expect(s.funding.budgetCents).toBe(110_000_000);
    expect(s.funding.committedCents).toBe(overview.totals.committedCents);
    expect(s.funding.byField.map((f: { code: string; committedCents: number }) => [f.code, f.committedCents])).toEqual(
      overview.byField.map((f: { field: { code: string }; committedCents: number }) => [f.field.code, f.committedCents]),
    );
    expect(s.funding.projects.length).toBe(overview.totals.approved);
    expect(s.funding.projects.length).toBeGreaterThan(0);
    expect(s.funding.projects.reduce((a: number, p: { approvedCents: number }) => a + p.approvedCents, 0)).toBe(
      s.funding.totalApprovedCents,
    );
    // A year without a programme says so instead of inventing one.
    expect((await ministry.get('/api/annual-reports/2020')).json().snapshot.funding).toBeNull();
  });

  it('counts the training of the year', async () => {
    const programmes = (await lpr.get('/api/training/programmes')).json();
    const course = await lpr.post('/api/training/courses', {
      programmeId: programmes[0].id,
      title: 'Jahrgang 2025',
      place: 'Chemnitz',
      capacity: 10,
      dates: [{ modulePosition: 1, startsOn: '2025-03-07', endsOn: '2025-03-08', place: 'Chemnitz' }],
    });
    expect(course.statusCode, course.body).toBe(201);
    const before = (await ministry.get(`/api/training/figures?level=district&year=${YEAR}`)).json();
    const person = await createPerson(lpr, ctx.territory.annaberg);
    const e = await lpr.post(`/api/training/courses/${course.json().id}/enrolments`, { personId: person.id, enrolledOn: '2025-01-10' });
    expect(e.statusCode, e.body).toBe(201);
    const s = (await ministry.get(`/api/annual-reports/${YEAR}`)).json().snapshot;
    const figures = (await ministry.get(`/api/training/figures?level=district&year=${YEAR}`)).json();
    expect(s.training.totals).toEqual(figures.totals);
    expect(s.training.totals.enrolments).toBe(before.totals.enrolments + 1);
  });

  it('freezes a version that no longer changes, refuses a stale freeze with 409, and audits it', async () => {
    const live = (await lpr.get(`/api/annual-reports/${YEAR}`)).json();
    expect(live.versions).toEqual([]);
    expect((await lpr.post(`/api/annual-reports/${YEAR}/versions`, { versions: 0 })).statusCode).toBe(400);
    expect((await ministry.post(`/api/annual-reports/${YEAR}/versions`, { confirm: true, versions: 0 })).statusCode).toBe(403);
    const frozen = await lpr.post(`/api/annual-reports/${YEAR}/versions`, { confirm: true, versions: 0 });
    expect(frozen.statusCode, frozen.body).toBe(201);
    expect(frozen.json()).toMatchObject({ year: YEAR, number: 1 });
    const stale = await admin.post(`/api/annual-reports/${YEAR}/versions`, { confirm: true, versions: 0 });
    expect(stale.statusCode).toBe(409);

    const v1 = (await ministry.get(`/api/annual-reports/${YEAR}/versions/1`)).json();
    const pdfBefore = (await ministry.get(`/api/annual-reports/${YEAR}/report.pdf?number=1`)).rawPayload;

    // The data move on: a municipality never advised before is advised in 2025.
    const status = (await admin.get('/api/alliance/municipalities?at=2025-12-31&pageSize=100')).json();
    const fresh = status.items.find((m: { advised: boolean }) => !m.advised);
    expect(fresh).toBeDefined();
    expect(
      (await lpr.post(`/api/alliance/municipalities/${fresh.ags}/events`, { type: 'consultation', date: '2025-06-02' })).statusCode,
    ).toBe(201);

    const liveAfter = (await ministry.get(`/api/annual-reports/${YEAR}`)).json();
    const advised = (r: { snapshot: { figures: Figure[] } }) => r.snapshot.figures.find((f) => f.key === 'advised')!.current;
    expect(advised(liveAfter)).toBe(advised(live) + 1);
    const v1After = (await ministry.get(`/api/annual-reports/${YEAR}/versions/1`)).json();
    expect(v1After.snapshot).toEqual(v1.snapshot);
    expect(advised(v1After)).toBe(advised(live));
    const pdfAfter = (await ministry.get(`/api/annual-reports/${YEAR}/report.pdf?number=1`)).rawPayload;
    expect(Buffer.compare(pdfBefore, pdfAfter)).toBe(0);
    expect((await ministry.get(`/api/annual-reports/${YEAR}/versions/2`)).statusCode).toBe(404);

    const audit = (await admin.get('/api/audit?entityType=annual_report')).json();
    const entries = Array.isArray(audit) ? audit : audit.items;
    expect(entries.some((e: { action: string; entityId: string }) => e.action === 'freeze_report' && e.entityId === `${YEAR}-1`)).toBe(
      true,
    );
  });

  it('exports the tables as CSV and XLSX with the report’s numbers', async () => {
    const s = (await ministry.get(`/api/annual-reports/${YEAR}`)).json().snapshot;
    const csv = await ministry.get(`/api/annual-reports/${YEAR}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('jahresbericht-2025-aktuell.csv');
    const lines = csv.body.replace(/^\ufeff/, '').split(/\r?\n/);
    const advised = s.figures.find((f: Figure) => f.key === 'advised');
    // German Excel dialect by default: semicolons and a byte order mark.
    expect(csv.body.startsWith('\ufeff')).toBe(true);
    expect(lines).toContain(`Beratene Kommunen;${advised.current};${advised.previous};${advised.change}`);
    expect(lines).toContain('Geförderte Projekte');
    const rfc = await ministry.get(`/api/annual-reports/${YEAR}/export?format=csv&dialect=rfc4180`);
    expect(rfc.body.split(/\r?\n/)).toContain(`Beratene Kommunen,${advised.current},${advised.previous},${advised.change}`);

    const xlsx = await ministry.get(`/api/annual-reports/${YEAR}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = await readXlsxFile(xlsx.rawPayload);
    const sheetOf = (name: string) => book.find((b) => b.sheet === name)!.data as unknown[][];
    expect(book.map((b) => b.sheet)).toEqual([
      'Netzwerk',
      'Kreise',
      'Beitritte',
      'Förderung',
      'Geförderte Projekte',
      'Fortbildung',
      'Coaching und Analysen',
      'Faktenbox',
    ]);
    const sheet = sheetOf('Netzwerk');
    // The report runs on demo data, so every sheet starts with the demo label (decision 036).
    expect(sheet[0]![0]).toBe(DEMO_LABEL_LINE);
    expect(sheet[1]).toEqual(['Kennzahl', 'Stand 2025-12-31', 'Stand 2024-12-31', 'Veränderung']);
    expect(sheet.find((r) => r[0] === 'Beratene Kommunen')).toEqual([
      'Beratene Kommunen',
      advised.current,
      advised.previous,
      advised.change,
    ]);
    const funding = sheetOf('Förderung');
    expect(funding.at(-1)).toEqual([
      'Gesamt (Budget)',
      1_100_000,
      s.funding.requestedCents / 100,
      s.funding.committedCents / 100,
      s.funding.paidCents / 100,
      s.funding.applications,
    ]);
  });

  it('admits admin, LPR staff and the ministry; coordinators and police get 403; the public only a frozen version with the public page on', async () => {
    const coordinator = await ctx.as('coordinator', { communes: [ctx.territory.annaberg] });
    const police = await ctx.as('police');
    for (const c of [coordinator, police]) {
      expect((await c.get(`/api/annual-reports/${YEAR}`)).statusCode).toBe(403);
      expect((await c.get(`/api/annual-reports/${YEAR}/report.pdf`)).statusCode).toBe(403);
      expect((await c.get(`/api/annual-reports/${YEAR}/export`)).statusCode).toBe(403);
    }
    expect((await ctx.anonymous.get(`/api/annual-reports/${YEAR}`)).statusCode).toBe(401);
    expect((await admin.get(`/api/annual-reports/${YEAR}`)).statusCode).toBe(200);
    // A year that has not begun is refused with the field named.
    const future = await ministry.get('/api/annual-reports/2099');
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ field: 'year', code: 'future_year' });

    expect((await ctx.anonymous.get(`/api/public/annual-reports/${YEAR}`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get('/api/public/annual-reports')).statusCode).toBe(404);
    expect((await ctx.anonymous.get(`/api/public/annual-reports/${YEAR}/report.pdf`)).statusCode).toBe(404);
    const settings = (await admin.get('/api/alliance/settings')).json();
    expect((await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: true })).statusCode).toBe(200);
    const published = await ctx.anonymous.get(`/api/public/annual-reports/${YEAR}`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().number).toBe(published.json().versions.at(-1).number);
    expect(published.json().versions.every((v: { createdBy: string }) => v.createdBy === '')).toBe(true);
    const list = (await ctx.anonymous.get('/api/public/annual-reports')).json();
    expect(list).toEqual([expect.objectContaining({ year: YEAR, number: published.json().number, createdBy: '' })]);
    const pdf = await ctx.anonymous.get(`/api/public/annual-reports/${YEAR}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const frozenPdf = await ministry.get(`/api/annual-reports/${YEAR}/report.pdf?number=${published.json().number}`);
    expect(Buffer.compare(pdf.rawPayload, frozenPdf.rawPayload)).toBe(0);
    // A year without a frozen version stays unpublished.
    expect((await ctx.anonymous.get('/api/public/annual-reports/2024')).statusCode).toBe(404);
  });

  it('renders a PDF that passes the layout checks and is tagged for PDF/UA (headings = bookmarks, linked contents)', async () => {
    const s = (await ministry.get(`/api/annual-reports/${YEAR}`)).json().snapshot;
    const { result: bytes, layouts } = await captureLayouts(() => renderAnnualReportPdf(s, null));
    const layout = layouts[0]!;
    expect(await checkPdfLayout(bytes, layout)).toEqual([]);
    // The title page, the figures and the funding pages, for review.
    expect(await writePageImages(bytes, `annual-report-${dialect}`, [1, 3, 5])).toHaveLength(3);
    const st = await readStructure(bytes);
    expect(st.language).toBe('de-DE');
    expect(st.title).toBe('Jahresbericht 2025');
    expect(st.pdfuaPart).toBe('1');
    expect(st.thWithoutScope).toBe(0);
    for (const t of st.tables) expect(t.headerCells).toBeGreaterThan(0);
    expect(st.tocEntries).toBe(s.sections.length);
    expect(st.linkAnnotationsWithStructParent).toBe(s.sections.length);
    expect(st.bookmarks.map(squeeze)).toEqual(st.headings.map((h) => squeeze(h.text)));
    const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Faktenbox für die Pressemitteilung');
    const advised = s.figures.find((f: Figure) => f.key === 'advised');
    expect(text).toContain(`Beratene Kommunen ${advised.current.toLocaleString('de-DE')}`);

    // Through the API: the PDF of the live report is served as an attachment.
    const res = await ministry.get(`/api/annual-reports/${YEAR}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/*
 * The effects section, on the data the effects tests use: Annaberg-Buchholz signs an agreement in
 * 2020 and its street crime (899000, "Gewalt im öffentlichen Raum") falls by 30 % while fourteen
 * similar municipalities of the Erzgebirgskreis follow the common year pattern; Aue-Bad Schlema
 * signed in 2019. The report of 2023 shows the effects module's statewide effects of that year.
 */
const EFFECT_YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023];
const YEAR_FACTOR = [1, 0.97, 1.02, 0.95, 0.9, 0.93, 0.96];

describe.each(DIALECTS)('annual report effects on %s', (dialect) => {
  let ctx: TestContext;
  let ministry: Client;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ministry = await ctx.as('ministry');
    const A = ctx.territory.annaberg;
    const aue = ctx.territory.aue;
    const rows: { ags: string; offence_key: string; year: number; cases: number }[] = [];
    const add = (ags: string, population: number, rate: number, effectFrom: number | null, effect: number) =>
      EFFECT_YEARS.forEach((year, t) => {
        const planted = effectFrom !== null && year > effectFrom ? effect : 1;
        const wobble = 1 + (((ags.charCodeAt(7) * 31 + t * 17) % 11) - 5) / 400; // ±1.25 %, deterministic
        rows.push({
          ags,
          offence_key: '899000',
          year,
          cases: Math.round(((population * rate) / 100_000) * YEAR_FACTOR[t]! * planted * wobble),
        });
      });
    for (let i = 0; i < 14; i++) {
      const m = await buildMunicipality(ctx.db, {
        ags: `14521${String(100 + i)}`,
        district_ags: ctx.territory.erzgebirge,
        name: `Vergleichsgemeinde ${i + 1}`,
        population: 15_000 + i * 300,
      });
      add(m.ags, 15_000 + i * 300, 1_000 + i * 20, null, 1);
    }
    add(A, 19_799, 1_200, 2020, 0.7);
    add(aue, 19_961, 1_150, null, 1);
    await addMunicipalFigures(ctx.db, rows);
    await buildAgreement(ctx.db, A, '2020-05-01');
    await buildAgreement(ctx.db, aue, '2019-03-01');
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('lists the effects section with the values of statewideEffects for the year, with method and caveats', async () => {
    const res = await ministry.get('/api/annual-reports/2023');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().snapshot;
    expect(s.sections).toEqual(['figures', 'joined', 'funding', 'training', 'coachingAnalyses', 'effects', 'factBox']);
    const expected = await statewideEffects(ctx.db, { year: 2023 });
    expect(s.effects.methodVersion).toBe(expected.methodVersion);
    expect(s.effects.fields).toEqual(
      expected.fields.map((f) => ({
        code: f.field.code,
        name: f.field.name,
        nameEn: f.field.nameEn,
        interventions: f.interventions,
        estimates: f.shown,
        rateRatio: f.pooled?.rateRatio ?? null,
        ciLow: f.pooled?.ciLow ?? null,
        ciHigh: f.pooled?.ciHigh ?? null,
        noReliableEffect: f.pooled?.noReliableEffect ?? null,
        reason: f.pooled ? null : f.reason,
      })),
    );
    // The planted fall is found: street crime shows an estimate below 1; a field without offences says why not.
    const violence = s.effects.fields.find((f: { code: string }) => f.code === 'public-violence');
    expect(violence.estimates).toBe(2);
    expect(violence.rateRatio).toBeLessThan(1);
    expect(violence.ciLow).toBeLessThan(violence.rateRatio);
    expect(violence.ciHigh).toBeGreaterThan(violence.rateRatio);
    expect(s.effects.fields.find((f: { code: string }) => f.code === 'extremism')).toMatchObject({
      estimates: 0,
      rateRatio: null,
      reason: 'no-offences-mapped',
    });
    expect(s.effects.caveats.de.join(' ')).toMatch(/Regression zur Mitte.*Verlagerung/);
    expect(s.effects.caveats.en.join(' ')).toMatch(/Parallel trends.*Regression to the mean.*Displacement/);
    // Before any intervention had figures after its start there is no estimate, and no section.
    const early = (await ministry.get('/api/annual-reports/2019')).json().snapshot;
    expect(early.sections).not.toContain('effects');
    expect(early.effects).toBeUndefined();
  });

  it('keeps the statewide effects until a write changes their inputs; the next report then shows the change', async () => {
    const first = await statewideEffects(ctx.db, { year: 2023 });
    // Computed once while nothing changed: the same answer again, not a new computation.
    expect(await statewideEffects(ctx.db, { year: 2023 })).toBe(first);
    const violence = async () =>
      (await ministry.get('/api/annual-reports/2023'))
        .json()
        .snapshot.effects.fields.find((f: { code: string }) => f.code === 'public-violence');
    const before = await violence();
    // A correction of Annaberg-Buchholz's street crime of 2023 by plain SQL, as a manual fix would write it.
    const A = ctx.territory.annaberg;
    const figure = () =>
      ctx.db.updateTable('crime_municipality_figures').where('ags', '=', A).where('offence_key', '=', '899000').where('year', '=', 2023);
    const { cases } = await ctx.db
      .selectFrom('crime_municipality_figures')
      .where('ags', '=', A)
      .where('offence_key', '=', '899000')
      .where('year', '=', 2023)
      .select('cases')
      .executeTakeFirstOrThrow();
    await figure()
      .set({ cases: cases * 2 })
      .execute();
    try {
      const after = await violence();
      expect(after.rateRatio).toBeGreaterThan(before.rateRatio);
      const second = await statewideEffects(ctx.db, { year: 2023 });
      expect(second).not.toBe(first);
      expect(second.fields.find((f) => f.field.code === 'public-violence')!.pooled!.rateRatio).toBe(after.rateRatio);
    } finally {
      await figure().set({ cases }).execute();
    }
    // Back to the old figures: the old estimate again.
    expect((await violence()).rateRatio).toBe(before.rateRatio);
    // A new intervention (an agreement of a comparison municipality, written to the alliance's tables) counts at once.
    const event = await buildAgreement(ctx.db, '14521113', '2021-02-01');
    try {
      expect((await violence()).interventions).toBe(before.interventions + 1);
    } finally {
      await ctx.db.deleteFrom('alliance_events').where('id', '=', event).execute();
    }
    expect(await violence()).toEqual(before);
  });

  it('renders the effects in the PDF (passing the layout checks) and in a "Wirkung" sheet', async () => {
    const s = (await ministry.get('/api/annual-reports/2023')).json().snapshot;
    const { result: bytes, layouts } = await captureLayouts(() => renderAnnualReportPdf(s, null));
    expect(await checkPdfLayout(bytes, layouts[0]!)).toEqual([]);
    const st = await readStructure(bytes);
    expect(st.tocEntries).toBe(s.sections.length);
    expect(st.thWithoutScope).toBe(0);
    expect(st.bookmarks.map(squeeze)).toEqual(st.headings.map((h) => squeeze(h.text)));
    const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Wirkung');
    expect(text).toContain('Grenzen der Schätzung');
    const violence = s.effects.fields.find((f: { code: string }) => f.code === 'public-violence');
    expect(text).toContain(violence.rateRatio.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

    const xlsx = await ministry.get('/api/annual-reports/2023/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = await readXlsxFile(xlsx.rawPayload);
    expect(book.map((b) => b.sheet)).toContain('Wirkung');
    const sheet = book.find((b) => b.sheet === 'Wirkung')!.data as unknown[][];
    expect(sheet[0]![0]).toBe('Handlungsfeld');
    const row = sheet.find((r) => r[0] === violence.name)!;
    expect(row.slice(1, 4)).toEqual([violence.interventions, violence.estimates, Math.round(violence.rateRatio * 1000) / 1000]);
    const csv = await ministry.get('/api/annual-reports/2023/export?format=csv');
    expect(csv.body.split(/\r?\n/)).toContain('Wirkung');
  });

  it('still loads and renders a version frozen before the report showed effects', async () => {
    const live = (await ministry.get('/api/annual-reports/2023')).json().snapshot;
    const { effects: _effects, ...old } = live;
    old.sections = live.sections.filter((x: string) => x !== 'effects');
    const json = JSON.stringify(old);
    await insertVersion(ctx.db, {
      year: 2023,
      number: 1,
      snapshot_json: json,
      content_sha256: 'sha-of-an-old-version',
      created_by: 'test',
      created_at: live.createdAt,
    });
    const v1 = await ministry.get('/api/annual-reports/2023/versions/1');
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json().snapshot.sections).not.toContain('effects');
    expect(v1.json().snapshot.effects).toBeUndefined();
    const pdf = await ministry.get('/api/annual-reports/2023/report.pdf?number=1');
    expect(pdf.statusCode).toBe(200);
    expect((await pdftotext(pdf.rawPayload)).replace(/\s+/g, ' ')).not.toContain('Grenzen der Schätzung');
    const xlsx = await ministry.get('/api/annual-reports/2023/export?format=xlsx&number=1');
    expect(xlsx.statusCode).toBe(200);
    expect((await readXlsxFile(xlsx.rawPayload)).map((b) => b.sheet)).not.toContain('Wirkung');
  });
});
