import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_FIGURES, ALL_FIGURES, MUNICIPALITY_FIGURES } from '../../../shared/alliance.schema.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { clearAlliance, multipartFile } from '../alliance/test-support.ts';
import { createPerson } from '../organisations/test-support.ts';

/*
 * Property (issue 14, decision 035): for random imported histories (events without records) and
 * random record operations (coaching processes started and ended, security analyses started
 * through their modules, coaching processes recorded for imported ones), at random dates and in
 * every area,
 * - covered by agreements + with a pre-agreement in force = in collaboration, and
 * - every figure's drill-down list has as many rows as the figure: the municipality list filtered
 *   by the figure, the agreement list of the agreement figures, the coaching list running at the
 *   date and the security analyses completed by it (records and historic rows), and the public
 *   page's list of every figure.
 * FC_SEED replays a run (src/server/test/property.ts).
 */

const EPOCH = '2019-01-01';
const day = (n: number) => addDays(EPOCH, n);
const SPAN = 1500;

/** Sorted days paired into [start, end) intervals; the last may stay open. */
function intervals(days: number[]): { start: number; end: number | null }[] {
  const out: { start: number; end: number | null }[] = [];
  for (let i = 0; i < days.length; i += 2) out.push({ start: days[i]!, end: days[i + 1] ?? null });
  return out;
}

const dayArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: SPAN }), weight: 2 },
  { arbitrary: fc.integer({ min: 700, max: 710 }), weight: 2 },
);
const sortedUniqueDays = (n: number) => fc.uniqueArray(dayArb, { maxLength: n }).map((a) => [...a].sort((x, y) => x - y));

const historyArb = fc.record({
  consultations: fc.array(dayArb, { maxLength: 2 }),
  pre: fc.option(dayArb, { nil: null }),
  sign: fc.option(dayArb, { nil: null }),
  term: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  coaching: sortedUniqueDays(4),
  analysis: sortedUniqueDays(4),
  withdrawal: sortedUniqueDays(2),
});

/** A record operation through a module's API on one of the communes kept for records. */
const recordOpArb = fc.oneof(
  fc.record({
    kind: fc.constant('coaching' as const),
    commune: fc.nat(1),
    start: dayArb,
    length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('analysis' as const), commune: fc.nat(1), start: dayArb }),
  fc.record({ kind: fc.constant('pre' as const), commune: fc.nat(1), start: dayArb }),
  // A process recorded for an imported one: it takes the imported start (and its end, when there is one).
  fc.record({ kind: fc.constant('historic' as const), commune: fc.nat(2), pick: fc.nat(3) }),
);

describe.each(DIALECTS)('every figure equals the rows of its drill-down on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let coachId: number;
  /** Communes 0–2 get imported histories, 3–4 module records. */
  let communes: string[];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    await buildMunicipality(ctx.db, { ags: '14521060', district_ags: ctx.territory.erzgebirge, name: 'Ehrenfriedersdorf' });
    await buildMunicipality(ctx.db, { ags: '14612001', district_ags: ctx.territory.dresden, name: 'Dresden-Nord (Test)' });
    communes = [ctx.territory.annaberg, ctx.territory.aue, ctx.territory.dresdenCity, '14521060', '14612001'];
    const person = await createPerson(lpr, null, { firstName: 'Cora', lastName: 'Coach', function: 'Coach (Institut)' });
    const coach = await lpr.post('/api/coaches', { personId: person.id, region: 'Sachsen' });
    expect(coach.statusCode, coach.body).toBe(201);
    coachId = coach.json().id;
    // The public page is published, so that its drill-downs can be read.
    const admin = await ctx.as('admin');
    const settings = (await admin.get('/api/alliance/settings')).json();
    expect((await admin.patch('/api/alliance/settings', { version: settings.version, publicPage: true })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function clearAll() {
    await ctx.db.deleteFrom('coaching_sessions').execute();
    await ctx.db.deleteFrom('coaching_processes').execute();
    await ctx.db.deleteFrom('security_analysis_phases').execute();
    await ctx.db.deleteFrom('security_analyses').execute();
    await clearAlliance(ctx.db);
  }

  it('for random histories, random record operations and random dates', { timeout: 600_000 }, async () => {
    const arb = fc.record({
      histories: fc.array(historyArb, { minLength: 3, maxLength: 3 }),
      joint: fc.option(dayArb, { nil: null }),
      ops: fc.array(recordOpArb, { maxLength: 5 }),
      dates: fc.array(dayArb, { minLength: 1, maxLength: 3 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({ histories, joint, ops, dates }) => {
        run += 1;
        await clearAll();
        // ---- the imported history: lifecycle events without module records ----
        const lines = ['ags,event_type,date,agreement,withdrawal_kind'];
        const add = (ags: string, type: string, d: number, agreement = '', kind = '') =>
          lines.push([ags, type, day(d), agreement, kind].join(','));
        histories.forEach((h, c) => {
          const ags = communes[c]!;
          for (const d of h.consultations) add(ags, 'consultation', d);
          if (h.pre !== null) add(ags, 'pre_agreement_signed', h.pre);
          if (h.sign !== null) {
            add(ags, 'agreement_signed', h.sign, `S${run}-${c}`);
            if (h.term !== null) add(ags, 'agreement_terminated', h.sign + h.term, `S${run}-${c}`);
          }
          for (const iv of intervals(h.coaching)) {
            add(ags, 'coaching_started', iv.start);
            if (iv.end !== null) add(ags, 'coaching_ended', iv.end);
          }
          for (const iv of intervals(h.analysis)) {
            add(ags, 'analysis_started', iv.start);
            if (iv.end !== null) add(ags, 'analysis_completed', iv.end);
          }
          for (const iv of intervals(h.withdrawal)) {
            add(ags, 'withdrawn', iv.start, '', 'withdrawal');
            if (iv.end !== null) add(ags, 'resumed', iv.end);
          }
        });
        // A joint agreement of the two record communes, so that one agreement covers two municipalities.
        if (joint !== null) for (const ags of communes.slice(3)) add(ags, 'agreement_signed', joint, `J${run}`);
        const upload = multipartFile('history.csv', `${lines.join('\n')}\n`, 'text/csv');
        const imported = await lpr.post('/api/alliance/history/import', upload.payload, { headers: upload.headers });
        expect(imported.statusCode, imported.body).toBe(201);

        // ---- record operations; the history rules may refuse one (422), which changes nothing ----
        for (const op of ops) {
          if (op.kind === 'historic') {
            const ags = communes[op.commune]!;
            const ivs = intervals(histories[op.commune]!.coaching);
            const iv = ivs[op.pick % Math.max(1, ivs.length)];
            if (!iv) continue;
            const res = await lpr.post('/api/coaching/processes', { ags, coachId, startedOn: day(iv.start) });
            expect([201, 422], res.body).toContain(res.statusCode);
            // The record agrees with the events: ended when the history ended it, on that day.
            if (res.statusCode === 201)
              expect(res.json().endedOn, `record for ${ags} from ${day(iv.start)}`).toBe(iv.end === null ? null : day(iv.end));
            continue;
          }
          const ags = communes[3 + op.commune]!;
          if (op.kind === 'coaching') {
            const res = await lpr.post('/api/coaching/processes', { ags, coachId, startedOn: day(op.start) });
            expect([201, 422], res.body).toContain(res.statusCode);
            if (res.statusCode === 201 && op.length !== null && day(op.start + op.length) <= todayBerlin()) {
              const ended = await lpr.post(`/api/coaching/processes/${res.json().id}/end`, {
                version: res.json().version,
                endedOn: day(op.start + op.length),
              });
              expect([200, 422], ended.body).toContain(ended.statusCode);
            }
          } else if (op.kind === 'analysis') {
            const created = await lpr.post('/api/security-analyses', { ags, contractor: 'Forschungsgruppe' });
            expect(created.statusCode, created.body).toBe(201);
            const started = await lpr.post(`/api/security-analyses/${created.json().id}/start`, {
              version: created.json().version,
              date: day(op.start),
            });
            expect([200, 422], started.body).toContain(started.statusCode);
          } else {
            const res = await lpr.post(`/api/alliance/municipalities/${ags}/events`, { type: 'pre_agreement_signed', date: day(op.start) });
            expect([201, 422], res.body).toContain(res.statusCode);
          }
        }

        // ---- at each date: the invariant and every drill-down ----
        for (const D of dates.map(day)) {
          const res = await lpr.get(`/api/alliance/figures?at=${D}`);
          expect(res.statusCode).toBe(200);
          const f = res.json();
          const areas: { query: string; counts: Record<string, number> }[] = [
            { query: '', counts: f.statewide },
            ...f.districts.map((d: { ags: string }) => ({ query: `&district=${d.ags}`, counts: d })),
            ...f.directorates.map((d: { id: number }) => ({ query: `&directorateId=${d.id}`, counts: d })),
          ];
          for (const { query, counts } of areas) {
            expect(counts.communesCoveredByAgreements! + counts.preAgreements!, `invariant at ${D}${query}`).toBe(counts.inCollaboration);
            for (const figure of MUNICIPALITY_FIGURES) {
              const list = await lpr.get(`/api/alliance/municipalities?at=${D}&figure=${figure}&pageSize=100${query}`);
              expect(list.statusCode, list.body).toBe(200);
              expect(list.json().total, `${figure} at ${D}${query}`).toBe(counts[figure]);
            }
            for (const figure of AGREEMENT_FIGURES) {
              const list = await lpr.get(`/api/alliance/figures/agreements?at=${D}&figure=${figure}${query}`);
              expect(list.statusCode, list.body).toBe(200);
              expect(list.json().total, `${figure} at ${D}${query}`).toBe(counts[figure]);
              expect(list.json().items).toHaveLength(counts[figure]!);
            }
            for (const figure of ALL_FIGURES) {
              const list = await ctx.anonymous.get(`/api/public/alliance/figure-rows?at=${D}&figure=${figure}${query}`);
              expect(list.statusCode, list.body).toBe(200);
              expect(list.json().items, `public ${figure} at ${D}${query}`).toHaveLength(counts[figure]!);
            }
            const analyses = (await lpr.get(`/api/security-analyses?completedBy=${D}&pageSize=100${query}`)).json();
            expect(analyses.total + analyses.historic.length, `analyses completed by ${D}${query}`).toBe(counts.analysesCompleted);
          }
          const coaching = (await lpr.get(`/api/coaching/processes?runningAt=${D}&pageSize=100`)).json();
          expect(coaching.total + coaching.historic.length, `coaching running at ${D}`).toBe(f.statewide.coachingRunning);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 8) },
    );
  });
});
