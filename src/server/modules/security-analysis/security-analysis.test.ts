import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyAnswers } from '../../../shared/survey-questionnaire.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { pdffonts, pdftotext } from '../../test/poppler.ts';
import { captureLayouts, checkPdfLayout } from '../../test/pdf-layout-check.ts';
import { t01File } from '../crime-stats/pks-t01.fixtures.ts';
import { loadDefinition, storeResponses } from '../surveys/index.ts';
import { addDemoSecurityAnalysis } from './security-analysis.demo.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

const BASE = '/api/security-analyses';

/** Hand-made T01 rows (the BKA format) for the two test districts, with known figures per year. */
function pksRows(year: number): Buffer {
  const f = year === 2021 ? 1 : year === 2022 ? 1.1 : 1.25;
  const n = (v: number) => Math.round(v * f).toLocaleString('en-US');
  return t01File([
    `------;Straftaten insgesamt;14521;Erzgebirgskreis;LK;${n(16_000)};${n(4_800)};700;4.2;3;1;${n(10_000)};62.5;7,000;5,300;1,700;1,100;15.7`,
    `------;Straftaten insgesamt;14612;Dresden, Stadt;KfS;${n(55_000)};${n(9_900)};2,000;3.6;20;5;${n(30_000)};54.5;20,000;15,000;5,000;6,000;30`,
    `674000;Sachbeschädigung §§ 303-305a StGB;14521;Erzgebirgskreis;LK;${n(1_600)};${n(480)};-;0;0;0;${n(400)};25;300;250;50;20;6.7`,
  ]);
}

function multipart(filename: string, content: Buffer) {
  const boundary = `----praevis${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function importPks(client: Client, year: number) {
  const { body, headers } = multipart(`BKA_PKS${year}_KR-F-01-T01-Kreise-Faelle-HZ.csv`, pksRows(year));
  const res = await client.post(`/api/admin/imports/pks?year=${year}`, body, { headers });
  expect(res.statusCode, res.body).toBe(200);
}

describe.each(DIALECTS)('security analysis on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let fieldIds: number[];
  const day = todayBerlin();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    fieldIds = (await ctx.db.selectFrom('fields_of_action').select('id').orderBy('position').execute()).map((f) => f.id);
    await importPks(lpr, 2021);
    await importPks(lpr, 2022);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A closed survey of the municipality with the given answers to "felt safe at night", 20 codes issued. */
  async function closedSurvey(ags: string, nights: string[]): Promise<number> {
    const created = await lpr.post('/api/surveys', {
      title: 'Sicher leben 2026',
      municipalities: [ags],
      fieldStart: addDays(day, -1),
      fieldEnd: addDays(day, 14),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect((await lpr.post(`/api/surveys/${id}/codes`, { ags, count: 20 })).statusCode).toBeLessThan(300);
    const started = await lpr.post(`/api/surveys/${id}/start`, { version: created.json().version });
    expect(started.statusCode, started.body).toBe(200);
    await addResponses(id, ags, nights);
    const closed = await lpr.post(`/api/surveys/${id}/close`, { version: started.json().version });
    expect(closed.statusCode, closed.body).toBe(200);
    return id;
  }

  async function addResponses(surveyId: number, ags: string, nights: string[]) {
    const definition = await loadDefinition(ctx.db, surveyId, 1);
    await storeResponses(
      ctx.db,
      surveyId,
      nights.map((n) => ({
        ags,
        version: 1,
        definition,
        answers: { sicher_nachts: n } as SurveyAnswers,
        channel: 'paper' as const,
        on: day,
      })),
    );
  }

  async function createAnalysis(body: Record<string, unknown> = {}) {
    const res = await lpr.post(BASE, {
      ags: ctx.territory.annaberg,
      contractor: 'Forschungsgruppe Kommunale Sicherheit, TU Chemnitz',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const figures = async (at = day) => (await lpr.get(`/api/alliance/figures?at=${at}`)).json().statewide;

  it('plans the ten phases over about 20 weeks and shows late ones in the overview', async () => {
    const a = await createAnalysis({ plannedStart: addDays(day, -30) });
    expect(a.phases.map((p: { phase: string }) => p.phase)).toEqual([
      'kick_off',
      'register_sample',
      'letters',
      'field_period',
      'reminder',
      'returns',
      'area_profiles',
      'draft_report',
      'final_report',
      'strategy_workshop',
    ]);
    expect(a.phases[0].plannedStart).toBe(addDays(day, -30));
    expect(a.phases[9].plannedEnd).toBe(addDays(day, -30 + 19 * 7 + 6));
    // Kick-off (planned 30 days ago) and the register sample have no actual dates: late.
    expect(a.latePhases).toEqual(expect.arrayContaining(['kick_off', 'register_sample', 'letters']));
    const overview = (await lpr.get(`${BASE}?late=true`)).json();
    expect(overview.items.map((i: { id: number }) => i.id)).toContain(a.id);
    const row = overview.items.find((i: { id: number }) => i.id === a.id);
    expect(row.latePhases[0]).toMatchObject({ phase: 'kick_off', label: 'Auftaktgespräch' });

    const done = await lpr.patch(`${BASE}/${a.id}/phases/kick_off`, {
      version: a.version,
      actualStart: addDays(day, -30),
      actualEnd: addDays(day, -25),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().latePhases).not.toContain('kick_off');
    const stale = await lpr.patch(`${BASE}/${a.id}/phases/letters`, { version: a.version, actualStart: day });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(done.json().version);
    const counts = (await (await ctx.as('ministry')).get(`${BASE}/counts`)).json();
    expect(counts).toMatchObject({ total: expect.any(Number), late: expect.any(Number) });
    expect(counts.late).toBeGreaterThanOrEqual(1);
  });

  it('refuses a phase whose actual end lies before its start, with a clear message', async () => {
    const a = await createAnalysis();
    const res = await lpr.patch(`${BASE}/${a.id}/phases/field_period`, {
      version: a.version,
      actualStart: addDays(day, -3),
      actualEnd: addDays(day, -10),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'actualEnd', code: 'end_before_start' });
    expect(res.json().detail).toContain('Feldphase: Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.');
    const future = await lpr.patch(`${BASE}/${a.id}/phases/field_period`, { version: a.version, actualStart: addDays(day, 3) });
    expect(future.json().errors[0]).toMatchObject({ field: 'actualStart', code: 'date_in_future' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'security_analysis')
      .where('entity_id', '=', String(a.id))
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['create']);
  });

  it('starting and completing create the alliance events once; the network figures follow', async () => {
    const ags = ctx.territory.aue;
    const before = await figures();
    const a = await createAnalysis({ ags });
    const started = await lpr.post(`${BASE}/${a.id}/start`, { version: a.version, date: addDays(day, -60) });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'running', startedOn: addDays(day, -60), startedEventId: expect.any(Number) });
    expect(started.json().phases[0].actualStart).toBe(addDays(day, -60));
    const events = await ctx.db
      .selectFrom('alliance_events')
      .select(['id', 'type'])
      .where('ags', '=', ags)
      .where('status', '=', 'active')
      .execute();
    expect(events).toEqual([{ id: started.json().startedEventId, type: 'analysis_started' }]);
    expect((await figures()).analysesUnderWay).toBe(before.analysesUnderWay + 1);

    const early = await lpr.post(`${BASE}/${a.id}/complete`, { version: started.json().version, date: day });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ code: 'final_report_missing' });
    expect(early.json().detail).toContain('Abschlussbericht');

    const finding = await lpr.post(`${BASE}/${a.id}/findings`, {
      text: 'Vermüllung belastet das Sicherheitsgefühl.',
      evidence: 'table:population',
      fieldOfActionId: fieldIds[2],
    });
    expect(finding.statusCode, finding.body).toBe(201);
    const v = (await lpr.get(`${BASE}/${a.id}`)).json().version;
    const noConfirm = await lpr.post(`${BASE}/${a.id}/reports`, { kind: 'final', version: v });
    expect(noConfirm.json().errors[0]).toMatchObject({ field: 'confirm', code: 'confirmation_required' });
    expect((await lpr.post(`${BASE}/${a.id}/reports`, { kind: 'final', version: v, confirm: true })).statusCode).toBe(201);
    const v2 = (await lpr.get(`${BASE}/${a.id}`)).json().version;
    // The state council staff had already entered the completion for that day: it is linked, not entered twice.
    const manual = await lpr.post(`/api/alliance/municipalities/${ags}/events`, { type: 'analysis_completed', date: day });
    expect(manual.statusCode, manual.body).toBe(201);
    const completed = await lpr.post(`${BASE}/${a.id}/complete`, { version: v2, date: day });
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({ status: 'completed', completedEventId: manual.json().id, latePhases: [] });
    const completions = await ctx.db
      .selectFrom('alliance_events')
      .select('id')
      .where('ags', '=', ags)
      .where('type', '=', 'analysis_completed')
      .execute();
    expect(completions).toHaveLength(1);
    const after = await figures();
    expect(after.analysesCompleted).toBe(before.analysesCompleted + 1);
    expect(after.analysesUnderWay).toBe(before.analysesUnderWay);
    const again = await lpr.post(`${BASE}/${a.id}/complete`, { version: completed.json().version, date: day });
    expect(again.json().errors[0].code).toBe('already_completed');

    // A later analysis of the same municipality compares itself with this one's frozen report.
    const later = await createAnalysis({ ags, title: 'Zweite Sicherheitsanalyse' });
    const cmp = (await lpr.get(`${BASE}/${later.id}/comparison`)).json();
    expect(cmp.other).toMatchObject({ analysisId: a.id, reportNumber: 1 });
    expect(cmp.rows.find((r: { label: string }) => r.label === 'Häufigkeitszahl (Straftaten insgesamt)')).toMatchObject({
      current: 5280,
      other: 5280,
      difference: 0,
    });
  });

  it('from profile to frozen report: PDF content, freezing against new data, workshop into a project idea', async () => {
    const ags = ctx.territory.annaberg;
    // 5 of 12 feel unsafe at night: 41.7 %; 12 of 20 invited answered: 60 %.
    const surveyId = await closedSurvey(ags, [
      'sehr_unsicher',
      'ziemlich_unsicher',
      'ziemlich_unsicher',
      'sehr_unsicher',
      'ziemlich_unsicher',
      'sehr_sicher',
      'ziemlich_sicher',
      'ziemlich_sicher',
      'sehr_sicher',
      'ziemlich_sicher',
      'sehr_sicher',
      'sehr_sicher',
    ]);
    let a = await createAnalysis({ surveyId, title: 'Sicherheitsanalyse Annaberg-Buchholz 2026', contractor: 'Zdeněk Dvořák' });
    a = (
      await lpr.put(`${BASE}/${a.id}/areas`, {
        version: a.version,
        areas: [
          { name: 'Buchholz', population: 6000 },
          { name: 'Frohnau', population: 1200 },
          { name: 'Lohsa / Łaz', population: 300 },
          { name: 'Crostwitz / Chrósćicy', population: 200 },
          { name: 'Panschwitz-Kuckau / Pančicy-Kukow', population: 100 },
        ],
      })
    ).json();

    const profile = (await lpr.get(`${BASE}/${a.id}/profile`)).json();
    expect(profile.population).toMatchObject({ total: 19_799 });
    expect(profile.crime).toMatchObject({ level: 'district', year: 2022, hz: 5280, cases: 17_600, clearanceRate: 62.5 });
    expect(profile.survey).toMatchObject({ sampleSize: 20, responses: 12, responseRate: 60, kMin: 5 });
    expect(profile.survey.indices.find((i: { id: string }) => i.id === 'unsafe_night')).toMatchObject({
      value: 41.7,
      n: 12,
      suppressed: false,
    });
    expect(profile.charts.map((c: { ref: string }) => c.ref)).toEqual(['chart:crime_series', 'chart:survey_indices']);
    expect(profile.tables.find((t: { ref: string }) => t.ref === 'table:areas').rows[0]).toEqual(['Buchholz', 6000, 30.3, '']);

    // In English the fixed labels, titles and notes are English; names and figures stay the same.
    const english = (await lpr.get(`${BASE}/${a.id}/profile`, { headers: { 'accept-language': 'en' } })).json();
    const table = (p: typeof profile, ref: string) => p.tables.find((t: { ref: string }) => t.ref === ref);
    expect(table(profile, 'table:population').rows[0][0]).toBe('Einwohner insgesamt');
    expect(table(english, 'table:population').rows[0]).toEqual([
      'Total population',
      ...table(profile, 'table:population').rows[0].slice(1),
    ]);
    expect(table(english, 'table:comparison').title).toBe('Comparison with district and state');
    expect(table(english, 'table:comparison').header[0]).toBe('Indicator');
    expect(table(english, 'table:crime_indicators').header[0]).toBe('Indicator');
    expect(table(english, 'table:areas').rows[0]).toEqual(['Buchholz', 6000, 30.3, '']);
    expect(english.population).toEqual(profile.population);
    const surveyChart = english.charts.find((c: { ref: string }) => c.ref === 'chart:survey_indices');
    expect(surveyChart.title).toMatch(/^Citizen survey .+: shares in per cent$/);
    expect(surveyChart.table.header).toEqual(['Indicator', 'Share in %', 'CI lower', 'CI upper', 'n']);
    expect(surveyChart.attribution).toContain('Cells with fewer than 5 answers suppressed');
    // The survey's weighting note, its index names (in tables, chart axis and series) and the crime
    // chart's title, legend and table headers are English as well.
    expect(english.survey.weighting).toMatch(/^(Weighted by raking|Unweighted shares)/);
    expect(english.survey.indices.find((i: { id: string }) => i.id === 'unsafe_night').label).toBe('Unsafe at night');
    expect(table(english, 'table:survey_indices').rows.map((r: unknown[]) => r[0])).toContain('Unsafe at night');
    expect(surveyChart.option.yAxis.data).toContain('Unsafe at night');
    expect(surveyChart.option.series[0].name).toBe('Share');
    const crimeChart = english.charts.find((c: { ref: string }) => c.ref === 'chart:crime_series');
    expect(crimeChart.title).toMatch(/: All offences, crime rate/);
    expect(crimeChart.option.title.text).toBe(crimeChart.title);
    expect(crimeChart.option.series.map((s: { name: string }) => s.name)).toContain('Germany');
    expect(crimeChart.table.header[0]).toBe('Year');
    expect(crimeChart.table.header).toContain('Crime rate Germany');
    expect(english.attribution.join(' ')).not.toMatch(/Bürgerbefragung/);
    const german =
      /Einwohner|Kennzahl|Vergleich mit|Bevölkerung|Häufigkeitszahl|Aufklärungsquote|Merkmal|Ortsteil|Nachts unsicher|Gewichtet|Jahr/;
    for (const t of english.tables) {
      expect(t.title).not.toMatch(german);
      for (const h of t.header) expect(h).not.toMatch(german);
      for (const r of t.rows) if (typeof r[0] === 'string' && t.ref !== 'table:crime_offences') expect(r[0]).not.toMatch(german);
    }
    for (const c of english.charts) {
      expect(c.title).not.toMatch(german);
      for (const h of c.table.header) expect(h).not.toMatch(german);
    }

    const f1 = (
      await lpr.post(`${BASE}/${a.id}/findings`, {
        text: 'Vier von zehn Befragten fühlen sich nachts unsicher (41,7 %).',
        evidence: 'chart:survey_indices',
        fieldOfActionId: fieldIds[3],
        priority: 'high',
      })
    ).json();
    const f2 = (
      await lpr.post(`${BASE}/${a.id}/findings`, {
        text: 'Die Häufigkeitszahl des Kreises liegt unter der von Dresden.',
        evidence: 'table:crime_indicators',
        fieldOfActionId: fieldIds[1],
      })
    ).json();
    const foreign = await lpr.post(`${BASE}/${a.id}/recommendations`, { text: 'x', findingIds: [999_999] });
    expect(foreign.json().errors[0]).toMatchObject({ field: 'findingIds', code: 'unknown' });
    const recs = [];
    for (const [text, ids] of [
      ['Beleuchtung am Busbahnhof verbessern.', [f1.id]],
      ['Graffiti-Wettbewerb für die Buswartehäuschen ausrichten.', [f2.id]],
      ['Kommunalen Präventionsrat um Jugendarbeit erweitern.', [f1.id, f2.id]],
    ] as const) {
      const r = await lpr.post(`${BASE}/${a.id}/recommendations`, { text, findingIds: ids });
      expect(r.statusCode, r.body).toBe(201);
      recs.push(r.json());
    }
    expect(recs[2].findingIds).toEqual([f1.id, f2.id]);

    // A draft, then the frozen final version.
    let v = (await lpr.get(`${BASE}/${a.id}`)).json().version;
    const draft = await lpr.post(`${BASE}/${a.id}/reports`, { kind: 'draft', version: v });
    expect(draft.json()).toMatchObject({ number: 1, kind: 'draft', frozen: false });
    v = (await lpr.get(`${BASE}/${a.id}`)).json().version;
    const final = await lpr.post(`${BASE}/${a.id}/reports`, { kind: 'final', version: v, confirm: true });
    expect(final.json()).toMatchObject({ number: 2, kind: 'final', frozen: true });

    const { result: pdf1, layouts } = await captureLayouts(() => lpr.get(`${BASE}/${a.id}/reports/2/report.pdf`));
    expect(pdf1.statusCode).toBe(200);
    // The report of real data laid out well: in the margins, no overlaps, every page rendered.
    expect(await checkPdfLayout(pdf1.rawPayload, layouts[0])).toEqual([]);
    expect(pdf1.headers['content-type']).toBe('application/pdf');
    const { text: read, pages, info } = await pdfText(pdf1.rawPayload);
    const text = read.replace(/\s+/g, ' '); // lines wrap where the font's widths say
    expect(info.Title).toBe('Sicherheitsanalyse Annaberg-Buchholz');
    expect(pages[0]).toContain('Abschlussbericht');
    expect(pages[1]).toContain('Inhalt');
    expect(pages[1]).toMatch(/1\. Ablauf der Analyse\s*3/);
    expect(text).toContain(`Seite 1 von ${pages.length}`);
    expect(text).toContain('19.799'); // population
    expect(text).toContain('5.280'); // HZ of the district
    expect(text).toContain('62,5'); // clearance rate
    expect(text).toContain('Erzgebirgskreis: Straftaten insgesamt, Häufigkeitszahl'); // crime chart title
    expect(text).toContain('Bürgerbefragung Sicher leben 2026: Anteile in Prozent'); // survey chart title
    expect(text).toContain('Rücklaufquote 60,0 %');
    // Chart axes in German notation, as on the web: "2.000", never "2,000".
    expect(text).toMatch(/(^|\s)[1-9]\.000\s/);
    expect(text).not.toMatch(/(^|\s)[1-9],000\s/);
    expect(text).toContain('41,7'); // share unsafe at night
    expect(text).toContain('Graffiti-Wettbewerb für die Buswartehäuschen ausrichten.');
    expect(text).toContain('Kommunalen Präventionsrat um Jugendarbeit erweitern.');
    expect(text).toContain('gestützt auf Befund 1, 2');
    expect(text).toContain('Mindestfallzahl k = 5');
    expect(text).toContain('Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt, 2021–2022');
    expect(text).toContain('Quelle: Statistisches Bundesamt (Destatis)');
    const poppler = (await pdftotext(pdf1.rawPayload)).replace(/\s+/g, ' ');
    for (const name of ['Lohsa / Łaz', 'Crostwitz / Chrósćicy', 'Panschwitz-Kuckau / Pančicy-Kukow', 'Zdeněk Dvořák'])
      expect(poppler).toContain(name);
    expect((await pdffonts(pdf1.rawPayload)).filter((f) => !f.embedded || !f.subset)).toEqual([]);

    // Bad input: the frozen report refuses edits, and so do its findings and recommendations.
    const edit = await lpr.patch(`${BASE}/${a.id}/reports/2`, { note: 'geändert' });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().errors[0]).toMatchObject({ code: 'report_frozen' });
    expect(edit.json().detail).toContain('eingefroren');
    expect((await lpr.patch(`${BASE}/${a.id}/reports/1`, { note: 'Stand für die Lenkungsgruppe' })).json().note).toBe(
      'Stand für die Lenkungsgruppe',
    );
    const findingEdit = await lpr.patch(`${BASE}/${a.id}/findings/${f1.id}`, { version: f1.version, text: 'anders' });
    expect(findingEdit.json().errors[0]).toMatchObject({ code: 'report_frozen' });
    const second = await lpr.post(`${BASE}/${a.id}/reports`, {
      kind: 'final',
      version: (await lpr.get(`${BASE}/${a.id}`)).json().version,
      confirm: true,
    });
    expect(second.json().errors[0]).toMatchObject({ code: 'report_frozen' });

    // Freezing: a new PKS year and a new survey response change a new draft, never the final version.
    const frozenBefore = (await lpr.get(`${BASE}/${a.id}/reports/2`)).json();
    await importPks(lpr, 2023);
    await addResponses(surveyId, ags, ['sehr_unsicher', 'sehr_unsicher']);
    const frozenAfter = (await lpr.get(`${BASE}/${a.id}/reports/2`)).json();
    expect(JSON.stringify(frozenAfter)).toBe(JSON.stringify(frozenBefore));
    expect(frozenAfter.contentSha256).toBe(crypto.createHash('sha256').update(JSON.stringify(frozenAfter.snapshot)).digest('hex'));
    const pdf2 = await lpr.get(`${BASE}/${a.id}/reports/2/report.pdf`);
    expect(Buffer.compare(pdf2.rawPayload, pdf1.rawPayload)).toBe(0);
    v = (await lpr.get(`${BASE}/${a.id}`)).json().version;
    const newDraft = await lpr.post(`${BASE}/${a.id}/reports`, { kind: 'draft', version: v });
    const fresh = (await lpr.get(`${BASE}/${a.id}/reports/${newDraft.json().number}`)).json().snapshot;
    expect(fresh.profile.crime).toMatchObject({ year: 2023, hz: 6000 });
    expect(fresh.profile.survey).toMatchObject({ responses: 14, responseRate: 70 });
    expect(frozenAfter.snapshot.profile.crime).toMatchObject({ year: 2022, hz: 5280 });
    const freshText = (
      await pdfText((await lpr.get(`${BASE}/${a.id}/reports/${newDraft.json().number}/report.pdf`)).rawPayload)
    ).text.replace(/\s+/g, ' ');
    expect(freshText).toContain('Rücklaufquote 70,0 %');

    // Strategy workshop by the municipality's coordinator: accept one recommendation into a project idea.
    const coordinator = await ctx.as('coordinator', { communes: [ags] });
    const notAccepted = await coordinator.post(`${BASE}/${a.id}/recommendations/${recs[1].id}/adopt`, {
      version: recs[1].version,
      target: 'project_idea',
    });
    expect(notAccepted.json().errors[0]).toMatchObject({ code: 'not_accepted' });
    const accepted = await coordinator.post(`${BASE}/${a.id}/recommendations/${recs[1].id}/decision`, {
      version: recs[1].version,
      decision: 'accepted',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ decision: 'accepted', decidedOn: day });
    const adopted = await coordinator.post(`${BASE}/${a.id}/recommendations/${recs[1].id}/adopt`, {
      version: accepted.json().version,
      target: 'project_idea',
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const projectId = adopted.json().projectId as number;
    const project = await coordinator.get(`/api/projects/${projectId}`);
    expect(project.statusCode, project.body).toBe(200);
    expect(project.json()).toMatchObject({ ags, status: 'idea', title: 'Graffiti-Wettbewerb für die Buswartehäuschen ausrichten.' });
    const twice = await coordinator.post(`${BASE}/${a.id}/recommendations/${recs[1].id}/adopt`, {
      version: adopted.json().version,
      target: 'project_idea',
    });
    expect(twice.json().errors[0]).toMatchObject({ code: 'already_linked' });
    const field = await lpr.post(`${BASE}/${a.id}/recommendations/${recs[1].id}/adopt`, {
      version: adopted.json().version,
      target: 'problem_field',
    });
    expect(field.statusCode, field.body).toBe(200);
    expect(field.json()).toMatchObject({ projectId, problemFieldId: expect.any(Number) });
    const priority = await ctx.db
      .selectFrom('municipal_priorities')
      .selectAll()
      .where('id', '=', field.json().problemFieldId)
      .executeTakeFirstOrThrow();
    expect(priority).toMatchObject({ ags, kind: 'problem_field', source: 'security_analysis', field_id: fieldIds[1] });
    // The frozen final report still shows the recommendation as it was.
    expect((await lpr.get(`${BASE}/${a.id}/reports/2`)).json().contentSha256).toBe(frozenBefore.contentSha256);
  });

  it("shows the survey weighted by its margins when the survey is the municipality's own", async () => {
    const ags = ctx.territory.aue;
    const created = await lpr.post('/api/surveys', {
      title: 'Sicher leben in Aue',
      municipalities: [ags],
      fieldStart: addDays(day, -1),
      fieldEnd: addDays(day, 14),
    });
    const id = created.json().id as number;
    await lpr.post(`/api/surveys/${id}/codes`, { ags, count: 30 });
    const started = await lpr.post(`/api/surveys/${id}/start`, { version: created.json().version });
    const definition = await loadDefinition(ctx.db, id, 1);
    // 5 women, 4 of them unsafe at night; 10 men, 2 of them unsafe: 6 of 15 = 40 % unweighted.
    const answers = [
      ...['sehr_unsicher', 'ziemlich_unsicher', 'sehr_unsicher', 'ziemlich_unsicher', 'sehr_sicher'].map((n) => ({
        sicher_nachts: n,
        geschlecht: 'w',
      })),
      ...['sehr_unsicher', 'ziemlich_unsicher', ...Array(8).fill('ziemlich_sicher')].map((n) => ({ sicher_nachts: n, geschlecht: 'm' })),
    ];
    await storeResponses(
      ctx.db,
      id,
      answers.map((a) => ({ ags, version: 1, definition, answers: a as SurveyAnswers, channel: 'paper' as const, on: day })),
    );
    expect((await lpr.post(`/api/surveys/${id}/close`, { version: started.json().version })).statusCode).toBe(200);
    const a = await lpr.post(BASE, { ags, contractor: 'Forschungsgruppe', surveyId: id });
    expect(a.statusCode, a.body).toBe(201);
    const unweighted = (await lpr.get(`${BASE}/${a.json().id}/profile`)).json().survey;
    expect(unweighted.weighted).toBe(false);
    expect(unweighted.indices.find((i: { id: string }) => i.id === 'unsafe_night').value).toBe(40);

    // 60 % women, 40 % men in the town: 0.6 × 4/5 + 0.4 × 2/10 = 56 %.
    const margins = await lpr.put(`/api/surveys/${id}/margins`, {
      version: 0,
      sex: [
        { sex: 'w', population: 6000 },
        { sex: 'm', population: 4000 },
      ],
    });
    expect(margins.statusCode, margins.body).toBe(200);
    const weighted = (await lpr.get(`${BASE}/${a.json().id}/profile`)).json().survey;
    expect(weighted).toMatchObject({ weighted: true, responses: 15, sampleSize: 30, responseRate: 50 });
    expect(weighted.weighting).toMatch(/^Gewichtet durch Raking/);
    const english = (await lpr.get(`${BASE}/${a.json().id}/profile`, { headers: { 'accept-language': 'en' } })).json().survey;
    expect(english.weighting).toMatch(/^Weighted by raking .+: \d+ iterations, converged; Wilson confidence intervals/);
    expect(weighted.indices.find((i: { id: string }) => i.id === 'unsafe_night')).toMatchObject({ value: 56, n: 15, suppressed: false });
  });

  it('a district-free city is not compared with itself: no second column of its name, no map of it inside itself', async () => {
    const a = await createAnalysis({ ags: ctx.territory.dresdenCity });
    const res = await lpr.get(`${BASE}/${a.id}/profile`);
    expect(res.statusCode, res.body).toBe(200);
    const profile = res.json();
    const population = profile.tables.find((t: { ref: string }) => t.ref === 'table:population');
    const name = profile.municipality.name;
    expect(population.header.filter((h: string) => h === name)).toHaveLength(1);
    expect(population.header).toHaveLength(3);
    expect(population.rows.every((r: unknown[]) => r.length === 3)).toBe(true);
    expect(population.rows.map((r: unknown[]) => r[0])).not.toContain('Anteil an der Bevölkerung des Kreises in %');
    expect(profile.map).toBeNull();
    // A municipality within a district keeps the district column.
    const b = await createAnalysis();
    const other = (await lpr.get(`${BASE}/${b.id}/profile`)).json();
    expect(other.tables.find((t: { ref: string }) => t.ref === 'table:population').header).toHaveLength(4);
  });

  it('scopes by role: coordinators their municipality, police their directorate, ministry counts only', async () => {
    const a = await createAnalysis({ ags: ctx.territory.dresdenCity });
    const own = await ctx.as('coordinator', { communes: [ctx.territory.annaberg] });
    expect((await own.get(`${BASE}/${a.id}`)).statusCode).toBe(403);
    expect((await own.get(BASE)).json().items.every((i: { ags: string }) => i.ags === ctx.territory.annaberg)).toBe(true);
    expect((await own.post(BASE, { ags: ctx.territory.annaberg, contractor: 'x' })).statusCode).toBe(403);
    const chemnitzPolice = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    expect((await chemnitzPolice.get(`${BASE}/${a.id}`)).statusCode).toBe(403);
    const dresdenPolice = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    expect((await dresdenPolice.get(`${BASE}/${a.id}`)).statusCode).toBe(200);
    expect(
      (await dresdenPolice.post(`${BASE}/${a.id}/findings`, { text: 'x', evidence: 'table:population', fieldOfActionId: fieldIds[0] }))
        .statusCode,
    ).toBe(403);
    const ministry = await ctx.as('ministry');
    expect((await ministry.get(`${BASE}/${a.id}`)).statusCode).toBe(403);
    expect((await ministry.get(`${BASE}/counts`)).statusCode).toBe(200);
  });

  it('refuses a survey of another municipality and a stale version', async () => {
    const surveyId = await closedSurvey(ctx.territory.dresdenCity, []);
    const res = await lpr.post(BASE, { ags: ctx.territory.annaberg, contractor: 'x', surveyId });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'surveyId', code: 'survey_other_municipality' });
    const a = await createAnalysis();
    const ok = await lpr.patch(`${BASE}/${a.id}`, { version: a.version, contractor: 'Neues Institut' });
    expect(ok.json().contractor).toBe('Neues Institut');
    const stale = await lpr.patch(`${BASE}/${a.id}`, { version: a.version, contractor: 'Drittes Institut' });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('entity_type', '=', 'security_analysis')
      .where('entity_id', '=', String(a.id))
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before_json!).contractor).toBe('Forschungsgruppe Kommunale Sicherheit, TU Chemnitz');
  });

  it('adds one labelled demo analysis with findings, recommendations and a draft, and no alliance events', async () => {
    const surveyId = await closedSurvey(ctx.territory.aue, []);
    const events = async () => (await ctx.db.selectFrom('alliance_events').select('id').execute()).length;
    const before = await events();
    const { analysisId } = await addDemoSecurityAnalysis(ctx.db, SYSTEM_ACTOR, { surveyId });
    expect(analysisId).not.toBeNull();
    const a = (await lpr.get(`${BASE}/${analysisId}`)).json();
    expect(a).toMatchObject({ ags: ctx.territory.aue, surveyId, status: 'planned' });
    expect(a.title).toMatch(/^\[Demo\]/);
    expect([a.findings.length, a.recommendations.length, a.reports.length]).toEqual([2, 3, 1]);
    expect(a.phases.slice(0, 6).every((p: { actualEnd: string | null }) => p.actualEnd !== null)).toBe(true);
    expect(await events()).toBe(before);
    expect((await addDemoSecurityAnalysis(ctx.db, SYSTEM_ACTOR, { surveyId })).analysisId).toBeNull();
  });
});
