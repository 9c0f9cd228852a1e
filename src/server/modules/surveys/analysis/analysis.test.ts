import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { STANDARD_QUESTIONNAIRE } from '../../../../shared/survey-template.ts';
import type { SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import { readCsv } from '../../../lib/csv-read.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../../test/harness.ts';
import { storeResponses } from '../public.service.ts';
import { logitInterval } from './statistics.ts';
import { todayBerlin } from '../../../../shared/time.ts';

/*
 * The analysis API on both dialects: a survey created through the API, responses stored through
 * the survey module's own storage function, closed through the API; then margins, weighted and
 * unweighted results, crosstabs, indices, comparisons, exports, scoping and suppression.
 */

/** A small deterministic generator (mulberry32), so the data and the hand counts are reproducible. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGES = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];
const SAFETY = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
const PROBLEM = ['kein', 'gering', 'ziemlich', 'gross'];

/** n respondents (age and sex always given: w/m), plus `divers` respondents of sex "d" (a group below k). */
function makeAnswers(n: number, seed: number, divers = 3): SurveyAnswers[] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: SurveyAnswers[] = [];
  for (let i = 0; i < n + divers; i += 1) {
    const older = rnd() < 0.5;
    out.push({
      sicher_nachts: rnd() < 0.1 ? undefined : pick(older ? [...SAFETY, 'ziemlich_unsicher', 'sehr_unsicher'] : SAFETY),
      // At least half of the eight rows (the index needs them), except for the last respondents.
      inzivilitaet:
        i >= n
          ? { graffiti: pick(PROBLEM), muell: pick(PROBLEM) }
          : {
              graffiti: pick(PROBLEM),
              muell: pick(PROBLEM),
              parken: pick(PROBLEM),
              vandalismus: pick(PROBLEM),
              ...(rnd() < 0.5 ? { jugendliche: pick(PROBLEM) } : {}),
            },
      meiden: { orte: pick(['ja', 'nein']), begleitung: 'nein' },
      opfer: rnd() < 0.3 ? ['diebstahl'] : ['nichts'],
      vertrauen: { polizei: pick(['t1', 't2', 't3', 't4', 't5']) },
      altersgruppe: older ? pick(AGES.slice(4)) : pick(AGES.slice(0, 4)),
      geschlecht: i >= n ? 'd' : pick(['w', 'm']),
      haushalt: 1 + Math.floor(rnd() * 4),
      anmerkungen: i % 10 === 0 ? `Geheimer Hinweis ${i}` : undefined,
    } as SurveyAnswers);
  }
  return out.map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as SurveyAnswers);
}

/** Every `n` and `respondents` anywhere in a JSON value, to check that none is 1 … k−1. */
function allCounts(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => allCounts(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'n' || key === 'respondents' || key === 'unmatched' || key === 'responses') && typeof v === 'number') out.push(v);
      else allCounts(v, out);
    }
  }
  return out;
}

const POP: Record<string, [number, number]> = {
  a16_24: [800, 850],
  a25_34: [1000, 1100],
  a35_44: [1100, 1150],
  a45_54: [1300, 1300],
  a55_64: [1600, 1500],
  a65_74: [1500, 1300],
  a75: [1700, 1100],
};
const marginsBody = (version: number) => ({
  version,
  ageSex: Object.entries(POP).flatMap(([ageGroup, [w, m]]) => [
    { ageGroup, sex: 'w', population: w },
    { ageGroup, sex: 'm', population: m },
  ]),
});

describe.each(DIALECTS)('survey analysis API on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let surveyId: number;
  let previousId: number;
  const answers = makeAnswers(300, 7);
  const earlier = makeAnswers(200, 11, 0);

  async function closedSurvey(list: SurveyAnswers[], extra: Record<string, unknown> = {}): Promise<number> {
    const today = todayBerlin();
    const res = await admin.post('/api/surveys', {
      title: 'Sicherheit in Annaberg-Buchholz',
      municipalities: [ctx.territory.annaberg],
      fieldStart: today,
      fieldEnd: today,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    expect((await admin.post(`/api/surveys/${id}/start`, {})).statusCode).toBe(200);
    await storeResponses(
      ctx.db,
      id,
      list.map((a) => ({
        ags: ctx.territory.annaberg,
        version: 1,
        definition: STANDARD_QUESTIONNAIRE,
        answers: a,
        channel: 'online' as const,
        on: today,
      })),
    );
    const closed = await admin.post(`/api/surveys/${id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    previousId = await closedSurvey(earlier);
    surveyId = await closedSurvey(answers, { previousSurveyId: previousId });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('gives unweighted shares with SRS standard errors and logit intervals that match a count by hand', async () => {
    const res = await admin.get(`/api/surveys/${surveyId}/results?weighted=false`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ surveyId, status: 'closed', kMin: 5, weighted: false, responses: 303 });
    expect(body.weighting.applied).toBe(false);
    const night = body.variables.find((v: { name: string }) => v.name === 'sicher_nachts');
    const valid = answers.filter((a) => a.sicher_nachts !== undefined);
    expect(night.n).toBe(valid.length);
    for (const c of night.categories) {
      const count = valid.filter((a) => a.sicher_nachts === c.code).length;
      const p = count / valid.length;
      expect(c.n).toBe(count);
      expect(c.share).toBeCloseTo(p, 12);
      // As svymean on the unweighted design, domain of those who answered among all N = 303:
      // se² = N/(N−1) · p(1 − p)/m; the interval is svyciprop's logit interval with m − 1 df.
      const N = 303;
      const m = valid.length;
      const se = Math.sqrt(((N / (N - 1)) * p * (1 - p)) / m);
      expect(c.se).toBeCloseTo(se, 12);
      const ci = logitInterval(p, se, m - 1)!;
      expect(c.ciLow).toBeCloseTo(ci.low, 12);
      expect(c.ciHigh).toBeCloseTo(ci.high, 12);
      expect(c.ciLow).toBeLessThan(p);
      expect(c.ciHigh).toBeGreaterThan(p);
    }
    // Free texts are never analysed; numbers get a mean.
    expect(body.variables.some((v: { name: string }) => v.name === 'anmerkungen')).toBe(false);
    const household = body.variables.find((v: { name: string }) => v.name === 'haushalt');
    expect(household.mean.mean).toBeCloseTo(answers.reduce((s, a) => s + (a.haushalt as number), 0) / answers.length, 10);
  });

  it('suppresses the group of three "divers" respondents and a complement, in every output', async () => {
    const res = await admin.get(`/api/surveys/${surveyId}/results?weighted=false`);
    const sex = res.json().variables.find((v: { name: string }) => v.name === 'geschlecht');
    const d = sex.categories.find((c: { code: string }) => c.code === 'd');
    expect(d).toMatchObject({ n: null, share: null, ciLow: null, ciHigh: null, suppressed: 'primary' });
    expect(sex.categories.filter((c: { suppressed: string | null }) => c.suppressed === 'secondary')).toHaveLength(1);
    expect(sex.n).toBe(303);

    const cross = await admin.get(`/api/surveys/${surveyId}/crosstab?row=sicher_nachts&col=geschlecht&weighted=false`);
    expect(cross.statusCode, cross.body).toBe(200);
    const ct = cross.json();
    const dCol = ct.cols.findIndex((c: { code: string }) => c.code === 'd');
    expect(ct.cols[dCol]).toMatchObject({ n: null, suppressed: 'primary' });
    for (const row of ct.cells) expect(row[dCol]).toMatchObject({ n: null, colShare: null });

    const k = 5;
    for (const url of [
      `/api/surveys/${surveyId}/results`,
      `/api/surveys/${surveyId}/results?weighted=false`,
      `/api/surveys/${surveyId}/crosstab?row=sicher_nachts&col=geschlecht`,
      `/api/surveys/${surveyId}/crosstab?row=inzivilitaet_graffiti&col=altersgruppe`,
      `/api/surveys/${surveyId}/indices`,
      `/api/surveys/${surveyId}/comparison`,
    ]) {
      const r = await admin.get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      const small = allCounts(r.json()).filter((n) => n > 0 && n < k);
      expect(small, url).toEqual([]);
    }

    // German Excel by default (semicolon, BOM, decimal comma); the checks below read the RFC 4180 form.
    const excel = await admin.get(`/api/surveys/${surveyId}/results.csv?weighted=false`);
    expect(excel.statusCode).toBe(200);
    expect(excel.body.charCodeAt(0)).toBe(0xfeff);
    expect(readCsv(excel.body.slice(1)).delimiter).toBe(';');
    const csv = await admin.get(`/api/surveys/${surveyId}/results.csv?weighted=false&dialect=rfc4180`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).not.toBe(0xfeff);
    const all = readCsv(csv.body, { delimiter: ',' }).records;
    const excelRows = readCsv(excel.body.slice(1), { delimiter: ';' }).records;
    expect(excelRows.map((r) => r.cells.map((c) => c.replace(',', '.')))).toEqual(all.map((r) => r.cells.map((c) => c.replace(',', '.'))));
    // The first line says whether the tables are weighted.
    expect(all[0]!.cells[0]).toMatch(/^UNGEWICHTET/);
    expect(csv.headers['content-disposition']).toContain('ungewichtet');
    const rows = all.slice(1);
    const header = rows[0]!.cells;
    const nCol = header.indexOf('n');
    const resultLines = rows.slice(1).filter((r) => r.cells.length === header.length && r.cells[0] !== 'Index');
    expect(resultLines.length).toBeGreaterThan(20);
    for (const r of resultLines) {
      const n = Number(r.cells[nCol]);
      if (r.cells[nCol] !== '' && !Number.isNaN(n)) expect(n === 0 || n >= k, r.cells.join(',')).toBe(true);
    }
    const dLine = resultLines.find((r) => r.cells[0] === 'geschlecht' && r.cells[2] === 'd')!;
    expect(dLine.cells[nCol]).toBe('');
    expect(dLine.cells.at(-1)).toContain('unterdrückt');

    const xlsx = await admin.request('GET', `/api/surveys/${surveyId}/results.xlsx?weighted=false`);
    expect(xlsx.statusCode).toBe(200);
    const book = (await readXlsxFile(xlsx.rawPayload))[0]!.data as unknown[][];
    expect(String(book[0]![0])).toMatch(/^UNGEWICHTET/);
    const sheet = book.slice(1);
    const xHeader = sheet[0]!.map(String);
    const xn = xHeader.indexOf('n');
    const xd = sheet.find((r) => r[0] === 'geschlecht' && r[2] === 'd')!;
    expect(xd[xn]).toBeNull();
    for (const r of sheet.slice(1)) if (typeof r[xn] === 'number') expect(r[xn] === 0 || (r[xn] as number) >= k).toBe(true);
  });

  it('stores margins with a version, refuses stale and unknown ones, audits, and weights to them', async () => {
    const empty = await admin.get(`/api/surveys/${surveyId}/margins`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ version: 0, ageSex: [], directory: { population: 19_799 } });
    expect(empty.json().categories.ageGroups.map((a: { code: string }) => a.code)).toEqual(AGES);

    const bad = await admin.put(`/api/surveys/${surveyId}/margins`, { version: 0, ageSex: [{ ageGroup: 'a99', sex: 'w', population: 5 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.ageSex.0.ageGroup');

    const saved = await admin.put(`/api/surveys/${surveyId}/margins`, marginsBody(0));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    const stale = await admin.put(`/api/surveys/${surveyId}/margins`, marginsBody(0));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(1);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'survey.margins.update').execute();
    expect(audit).toHaveLength(1);

    const res = await admin.get(`/api/surveys/${surveyId}/results?weighted=true`);
    const body = res.json();
    expect(body.weighted).toBe(true);
    expect(body.weighting).toMatchObject({ applied: true, converged: true });
    expect(body.weighting.margins[0].dimension).toBe('age_sex');
    // The three "divers" respondents have no population cell: unmatched, and shown as fewer than k.
    expect(body.weighting.margins[0].unmatched).toBeNull();
    // Everyone but the three has age and sex, so the weighted age shares among them are the population's.
    const total = Object.values(POP).reduce((s, [w, m]) => s + w + m, 0);
    const age = body.variables.find((v: { name: string }) => v.name === 'altersgruppe');
    const dWeight = 3 / 303; // the unmatched keep weight 1 of a total weight of 303
    for (const c of age.categories) {
      const [w, m] = POP[c.code]!;
      const ownD = answers.slice(300).filter((a) => a.altersgruppe === c.code).length / 303;
      expect(c.share).toBeCloseTo(((w + m) / total) * (1 - dWeight) + ownD, 6);
    }
    // Raking fixes the weighting variable's shares: no interval; Kish's effective size stays a diagnostic (< n).
    expect(age.fixed).toBe(true);
    expect(age.categories.every((c: { ciLow: number | null; se: number | null }) => c.ciLow === null && c.se === null)).toBe(true);
    expect(age.nEffective).toBeLessThan(303);
    // Other items carry their own linearised design effects.
    const night = body.variables.find((v: { name: string }) => v.name === 'sicher_nachts');
    expect(night.fixed).toBe(false);
    for (const c of night.categories) expect(c.designEffect).toBeGreaterThan(0);
    expect(body.weighting.weightsDesignEffect).toBeCloseTo(1 + body.weighting.cvWeights ** 2, 12);
  });

  it('crosstabs with column shares and clear errors for bad variables', async () => {
    const res = await admin.get(`/api/surveys/${surveyId}/crosstab?row=sicher_nachts&col=altersgruppe&weighted=false`);
    const ct = res.json();
    const c = ct.cols.findIndex((x: { code: string }) => x.code === 'a75');
    const group = answers.filter((a) => a.altersgruppe === 'a75' && a.sicher_nachts !== undefined);
    const r = ct.rows.findIndex((x: { code: string }) => x.code === 'sehr_unsicher');
    const count = group.filter((a) => a.sicher_nachts === 'sehr_unsicher').length;
    if (ct.cells[r][c].suppressed === null) {
      expect(ct.cells[r][c].n).toBe(count);
      expect(ct.cells[r][c].colShare).toBeCloseTo(count / group.length, 12);
    }
    expect(ct.cols[c].n).toBe(group.length);

    const unknown = await admin.get(`/api/surveys/${surveyId}/crosstab?row=gibtsnicht&col=altersgruppe`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('query.row');
    const number = await admin.get(`/api/surveys/${surveyId}/crosstab?row=sicher_nachts&col=haushalt`);
    expect(number.statusCode).toBe(400);
    expect(number.json().errors[0].code).toBe('not_categorical');
  });

  it('computes the indices as counted by hand, and compares with the earlier wave and the state', async () => {
    const res = await admin.get(`/api/surveys/${surveyId}/indices?weighted=false`);
    expect(res.statusCode, res.body).toBe(200);
    const byId = Object.fromEntries(res.json().indices.map((i: { id: string }) => [i.id, i]));
    const valid = answers.filter((a) => a.sicher_nachts !== undefined);
    const unsafe = valid.filter((a) => a.sicher_nachts === 'ziemlich_unsicher' || a.sicher_nachts === 'sehr_unsicher').length;
    expect(byId.unsafe_night.estimate.value).toBeCloseTo(unsafe / valid.length, 12);
    // Incivility: mean over respondents (with at least 4 of the 8 rows answered) of the mean of
    // (answer index / 3) · 100 over the answered rows.
    const scores = answers
      .filter((a) => Object.keys(a.inzivilitaet as object).length >= 4)
      .map((a) => {
        const m = a.inzivilitaet as Record<string, string>;
        const xs = Object.values(m).map((v) => (PROBLEM.indexOf(v) / 3) * 100);
        return xs.reduce((s, x) => s + x, 0) / xs.length;
      });
    expect(scores.length).toBe(300);
    expect(byId.incivility.estimate.n).toBe(300);
    expect(byId.incivility.estimate.value).toBeCloseTo(scores.reduce((s, x) => s + x, 0) / scores.length, 9);
    expect(byId.incivility.components.find((c: { name: string }) => c.name === 'inzivilitaet_drogen').estimate.n).toBe(0);
    const victims = answers.filter((a) => (a.opfer as string[]).includes('diebstahl')).length;
    expect(byId.victimisation.estimate.value).toBeCloseTo(victims / answers.length, 12);

    const cmp = await admin.get(`/api/surveys/${surveyId}/comparison?weighted=false`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    const body = cmp.json();
    expect(body.previous.surveyId).toBe(previousId);
    const row = body.previous.rows.find((r: { id: string }) => r.id === 'unsafe_night');
    const prevValid = earlier.filter((a) => a.sicher_nachts !== undefined);
    const prevUnsafe =
      prevValid.filter((a) => a.sicher_nachts === 'ziemlich_unsicher' || a.sicher_nachts === 'sehr_unsicher').length / prevValid.length;
    expect(row.other.value).toBeCloseTo(prevUnsafe, 12);
    expect(row.difference.value).toBeCloseTo(unsafe / valid.length - prevUnsafe, 12);
    expect(row.difference.ciLow).toBeLessThan(row.difference.value);
    expect(row.difference.ciHigh).toBeGreaterThan(row.difference.value);
    // Statewide: all other closed surveys pooled – never the survey itself (here: the earlier wave alone).
    expect(body.statewide.surveys).toBe(1);
    const state = body.statewide.rows.find((r: { id: string }) => r.id === 'unsafe_night');
    expect(state.other.n).toBe(prevValid.length);
    expect(state.other.value).toBeCloseTo(prevUnsafe, 12);
    // The difference's interval comes from the two linearised SEs (independent samples).
    const half = 1.959963984540054 * Math.hypot(row.current.se, row.other.se);
    expect(row.difference.ciHigh - row.difference.value).toBeCloseTo(half, 12);
  });

  it('exports the research data without texts, ids or days, with rare demographics blanked, and its codebook', async () => {
    const res = await admin.get(`/api/surveys/${surveyId}/responses.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('Geheimer Hinweis');
    const rows = readCsv(res.body.replace(/^\ufeff/, ''), { delimiter: ';' }).records;
    const header = rows[0]!.cells;
    expect(header).not.toContain('anmerkungen');
    expect(header).toContain('sicher_nachts');
    expect(rows).toHaveLength(304);
    // The three "divers" (sex code 3) form a combination below k: their sex is blanked.
    const sexCol = header.indexOf('geschlecht');
    expect(rows.slice(1).filter((r) => r.cells[sexCol] === '3')).toHaveLength(0);
    // Every combination of the quasi-identifiers occurs at least k times (or is fully blank).
    const qi = ['haushalt', 'altersgruppe', 'geschlecht'].map((q) => header.indexOf(q));
    const counts = new Map<string, number>();
    for (const r of rows.slice(1)) {
      const key = qi.map((i) => r.cells[i]).join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) if (key !== '||') expect(n, key).toBeGreaterThanOrEqual(5);

    const cb = await admin.get(`/api/surveys/${surveyId}/codebook.csv`);
    expect(cb.statusCode).toBe(200);
    expect(cb.body).toContain('sicher_nachts');
    expect(cb.body).toContain('ziemlich unsicher');
    expect(cb.body).not.toContain('anmerkungen');
  });

  it('scopes results by role: own commune, directorate, ministry only when closed', async () => {
    const ownCoordinator = await ctx.as('coordinator', { communes: [ctx.territory.annaberg] });
    const otherCoordinator = await ctx.as('coordinator', { communes: [ctx.territory.aue] });
    const police = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    const otherPolice = await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate });
    const ministry = await ctx.as('ministry');
    const url = `/api/surveys/${surveyId}/results`;
    expect((await ownCoordinator.get(url)).statusCode).toBe(200);
    expect((await otherCoordinator.get(url)).statusCode).toBe(403);
    expect((await police.get(url)).statusCode).toBe(200);
    expect((await otherPolice.get(url)).statusCode).toBe(403);
    expect((await ministry.get(url)).statusCode).toBe(200);
    expect((await ministry.get(`/api/surveys/${surveyId}/responses.csv`)).statusCode).toBe(403);
    expect((await otherCoordinator.get(`/api/surveys/${surveyId}/margins`)).statusCode).toBe(403);
    expect((await ownCoordinator.put(`/api/surveys/${surveyId}/margins`, { version: 0, areas: [] })).statusCode).toBe(409);
    expect((await admin.get('/api/surveys/999999/results')).statusCode).toBe(404);

    const today = todayBerlin();
    const open = await admin.post('/api/surveys', {
      title: 'Laufend',
      municipalities: [ctx.territory.annaberg],
      fieldStart: today,
      fieldEnd: today,
    });
    const openId = (open.json() as { id: number }).id;
    expect((await admin.post(`/api/surveys/${openId}/start`, {})).statusCode).toBe(200);
    expect((await ministry.get(`/api/surveys/${openId}/results`)).statusCode).toBe(403);
    expect((await police.get(`/api/surveys/${openId}/results`)).statusCode).toBe(403);
    const live = await ownCoordinator.get(`/api/surveys/${openId}/results`);
    expect(live.statusCode).toBe(200);
    expect(live.json().responses).toBe(0);
    const research = await admin.get(`/api/surveys/${openId}/responses.csv`);
    expect(research.statusCode).toBe(422);

    // The list of surveys with readable results follows the same rules: police and the ministry,
    // who cannot list surveys, find the closed ones of their scope there.
    const listed = async (who: Client, query = '') => {
      const res = await who.get(`/api/survey-results?pageSize=500${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { id: number; status: string; municipalities: { ags: string }[] }[] }).items;
    };
    const ids = async (who: Client) => (await listed(who)).map((s) => s.id);
    expect((await ministry.get('/api/surveys')).statusCode).toBe(403);
    expect(await ids(police)).toContain(surveyId);
    expect(await ids(police)).not.toContain(openId);
    expect(await ids(otherPolice)).not.toContain(surveyId);
    expect(await ids(ministry)).toContain(surveyId);
    expect(await ids(ministry)).not.toContain(openId);
    expect((await listed(ministry)).every((s) => s.status === 'closed')).toBe(true);
    expect(await ids(ownCoordinator)).toEqual(expect.arrayContaining([surveyId, openId]));
    expect(await ids(otherCoordinator)).not.toContain(surveyId);
    expect((await listed(ownCoordinator, '&q=laufen')).map((s) => s.id)).toEqual([openId]);
    expect((await listed(police)).find((s) => s.id === surveyId)?.municipalities.map((m) => m.ags)).toContain(ctx.territory.annaberg);
  });
});
