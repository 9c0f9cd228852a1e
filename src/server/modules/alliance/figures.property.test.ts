import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { loadAggregates } from './figures.service.ts';
import { communeStates } from './figures.ts';
import { clearAlliance, multipartFile } from './test-support.ts';
import { addDays } from '../../../shared/time.ts';

/*
 * Property: for random event histories over the seeded municipalities and random reference dates,
 * the figures the API returns equal a brute-force recomputation written plainly from the domain
 * definitions below (intervals and "on or before D"), sharing no code with the implementation.
 */

const EPOCH = '2019-01-01';
const day = (n: number) => addDays(EPOCH, n);
const MAX_BASE = 1200;

/** Sorted days paired up as intervals [start, end); the last one may stay open. */
function intervals(days: number[]): { start: number; end: number | null }[] {
  const out: { start: number; end: number | null }[] = [];
  for (let i = 0; i < days.length; i += 2) out.push({ start: days[i]!, end: days[i + 1] ?? null });
  return out;
}

interface CommuneHistory {
  consultations: number[];
  pre: number | null;
  coaching: number[];
  analysis: number[];
  withdrawal: number[];
  milestones: { type: string; day: number }[];
}

interface AgreementPlan {
  parties: { commune: number; sign: number; term: number | null; amendments: number[] }[];
  /** Only cooperation agreements count; one that would overlap another in force is recorded as additional. */
  kind: 'cooperation' | 'amendment' | 'additional';
  /** Drawn: record it as an amendment even when it would not overlap. */
  extra: boolean;
}

/**
 * A municipality may have one cooperation agreement in force at a time: an agreement that would
 * overlap a cooperation agreement of one of its parties becomes an additional one.
 */
function assignKinds(agreements: AgreementPlan[]): void {
  const kept: AgreementPlan[] = [];
  for (const a of agreements) {
    const overlaps = kept.some((k) =>
      k.parties.some((p) =>
        a.parties.some((q) => q.commune === p.commune && p.sign < (q.term ?? Infinity) && q.sign < (p.term ?? Infinity)),
      ),
    );
    a.kind = overlaps ? 'additional' : a.extra ? 'amendment' : 'cooperation';
    if (a.kind === 'cooperation') kept.push(a);
  }
}

/** Days over five years, with a narrow window drawn often, so that events and reference dates collide. */
const dayArb = (max: number) =>
  fc.oneof({ arbitrary: fc.integer({ min: 0, max }), weight: 2 }, { arbitrary: fc.integer({ min: 500, max: 515 }), weight: 3 });
const sortedDays = (max: number) => fc.array(dayArb(MAX_BASE + 600), { maxLength: max }).map((a) => [...a].sort((x, y) => x - y));

const communeArb: fc.Arbitrary<CommuneHistory> = fc.record({
  consultations: fc.array(dayArb(MAX_BASE + 600), { maxLength: 3 }),
  pre: fc.option(dayArb(MAX_BASE + 600), { nil: null }),
  coaching: sortedDays(5),
  analysis: sortedDays(4),
  withdrawal: sortedDays(3),
  milestones: fc.array(
    fc.record({ type: fc.constantFrom('council_resolution', 'council_constituted', 'strategy_adopted'), day: dayArb(MAX_BASE) }),
    { maxLength: 2 },
  ),
});

function agreementArb(communes: number): fc.Arbitrary<AgreementPlan> {
  return fc
    .record({
      base: dayArb(MAX_BASE),
      parties: fc.uniqueArray(fc.integer({ min: 0, max: communes - 1 }), { minLength: 1, maxLength: communes }),
      joint: fc.boolean(),
      extra: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      details: fc.array(
        fc.record({
          offset: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 5 })),
          term: fc.option(fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 5 })), { nil: null }),
          amendments: fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 2 }),
        }),
        { minLength: communes, maxLength: communes },
      ),
    })
    .map(({ base, parties, joint, extra, details }) => ({
      kind: 'cooperation' as const,
      extra,
      parties: parties.map((commune, i) => {
        const d = details[i]!;
        const sign = base + (joint ? 0 : d.offset);
        const term = d.term === null ? null : sign + d.term;
        return { commune, sign, term, amendments: d.amendments.map((a) => sign + a).filter((a) => term === null || a < term) };
      }),
    }));
}

describe.each(DIALECTS)('network figures equal a brute-force recomputation on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let communes: { ags: string; district: string }[];
  let directorateOf: Map<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    const rows = await ctx.db.selectFrom('municipalities').select(['ags', 'district_ags']).orderBy('ags').execute();
    communes = rows.map((r) => ({ ags: r.ags, district: r.district_ags }));
    const links = await ctx.db
      .selectFrom('directorate_districts')
      .innerJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id')
      .select(['district_ags', 'name'])
      .execute();
    directorateOf = new Map(links.map((l) => [l.district_ags, l.name]));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('for random histories and random dates', { timeout: 300_000 }, async () => {
    const historyArb = fc.record({
      histories: fc.array(communeArb, { minLength: 3, maxLength: 3 }),
      agreements: fc.array(agreementArb(3), { maxLength: 3 }),
      dates: fc.array(dayArb(MAX_BASE + 1000), { minLength: 1, maxLength: 4 }),
      onEventDates: fc.array(fc.nat(), { maxLength: 3 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(historyArb, async ({ histories, agreements, dates, onEventDates }) => {
        run += 1;
        await clearAlliance(ctx.db);
        assignKinds(agreements);
        // ---- the history as CSV lines ----
        const lines: string[] = ['ags,event_type,date,agreement,withdrawal_kind,agreement_kind'];
        const add = (c: number, type: string, d: number, agreement = '', kind = '', agreementKind = '') =>
          lines.push([communes[c]!.ags, type, day(d), agreement, kind, agreementKind].join(','));
        histories.forEach((h, c) => {
          for (const d of h.consultations) add(c, 'consultation', d);
          if (h.pre !== null) add(c, 'pre_agreement_signed', h.pre);
          for (const iv of intervals(h.coaching)) {
            add(c, 'coaching_started', iv.start);
            if (iv.end !== null) add(c, 'coaching_ended', iv.end);
          }
          for (const iv of intervals(h.analysis)) {
            add(c, 'analysis_started', iv.start);
            if (iv.end !== null) add(c, 'analysis_completed', iv.end);
          }
          for (const iv of intervals(h.withdrawal)) {
            add(c, 'withdrawn', iv.start, '', 'pause');
            if (iv.end !== null) add(c, 'resumed', iv.end);
          }
          for (const m of h.milestones) add(c, m.type, m.day);
        });
        agreements.forEach((a, i) => {
          const ref = `P${run}-${i}`;
          for (const p of a.parties) {
            add(p.commune, 'agreement_signed', p.sign, ref, '', a.kind);
            for (const am of p.amendments) add(p.commune, 'agreement_amended', am, ref);
            if (p.term !== null) add(p.commune, 'agreement_terminated', p.term, ref);
          }
        });
        const upload = multipartFile('history.csv', `${lines.join('\n')}\n`, 'text/csv');
        const imported = await lpr.post('/api/alliance/history/import', upload.payload, { headers: upload.headers });
        expect(imported.statusCode, imported.body).toBe(201);

        // ---- reference dates: random ones and the dates of events themselves ----
        const eventDays = lines.slice(1).map((l) => l.split(',')[2]!);
        const refDates = [
          ...dates.map(day),
          ...onEventDates.filter(() => eventDays.length > 0).map((n) => eventDays[n % eventDays.length]!),
        ];

        for (const D of refDates) {
          const expected = bruteForce(
            histories,
            agreements.filter((a) => a.kind === 'cooperation'),
            D,
          );
          const res = await lpr.get(`/api/alliance/figures?at=${D}`);
          expect(res.statusCode).toBe(200);
          const got = res.json();
          expect(got.statewide, `statewide at ${D}`).toEqual(expected.area(() => true));
          for (const d of got.districts)
            expect(d, `district ${d.ags} at ${D}`).toMatchObject(expected.area((c) => communes[c]!.district === d.ags));
          for (const d of got.directorates)
            expect(d, `directorate ${d.name} at ${D}`).toMatchObject(
              expected.area((c) => directorateOf.get(communes[c]!.district) === d.name),
            );
          // The counting rule of decision 005: covered + with a pre-agreement = in collaboration, in every area.
          for (const area of [got.statewide, ...got.districts, ...got.directorates])
            expect(area.communesCoveredByAgreements + area.preAgreements, `invariant at ${D}`).toBe(area.inCollaboration);
          const list = (await lpr.get(`/api/alliance/municipalities?at=${D}&sort=ags`)).json();
          // The status list says the same: its agreement and pre-agreement rows are the ones in collaboration.
          const statuses: { status: string; inCollaboration: boolean }[] = list.items;
          expect(statuses.filter((r) => r.status === 'agreement').length, `agreement rows at ${D}`).toBe(
            got.statewide.communesCoveredByAgreements,
          );
          expect(statuses.filter((r) => r.status === 'pre_agreement').length, `pre-agreement rows at ${D}`).toBe(
            got.statewide.preAgreements,
          );
          expect(statuses.filter((r) => r.inCollaboration).length, `collaboration rows at ${D}`).toBe(got.statewide.inCollaboration);
          expect(
            list.items.map((r: { rank: number | null }) => r.rank),
            `ranks at ${D}`,
          ).toEqual(communes.map((_, c) => expected.rank(c)));
          // Both ways of loading the events give the same states.
          // The three ways of loading the events give the same states.
          const viaSql = Object.fromEntries(communeStates(await loadAggregates(ctx.db, D, 'sql')));
          expect(Object.fromEntries(communeStates(await loadAggregates(ctx.db, D, 'memory')))).toEqual(viaSql);
          expect(Object.fromEntries(communeStates(await loadAggregates(ctx.db, D, 'indexed')))).toEqual(viaSql);
        }
      }),
      // The seed and path come from the shared setup (src/server/test/property.ts): FC_SEED replays.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) },
    );
  });

  /** The domain definitions, applied literally to the generated history. */
  function bruteForce(histories: CommuneHistory[], agreements: AgreementPlan[], D: string) {
    const on = (d: number) => day(d) <= D;
    const runningAt = (iv: { start: number; end: number | null }) => on(iv.start) && (iv.end === null || !on(iv.end));
    const per = histories.map((h, c) => {
      const signings = agreements.flatMap((a) => a.parties.filter((p) => p.commune === c));
      const covering = agreements
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => a.parties.some((p) => p.commune === c && on(p.sign) && !(p.term !== null && on(p.term))))
        .map(({ i }) => i);
      const signedAgreements = agreements
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => a.parties.some((p) => p.commune === c && on(p.sign)))
        .map(({ i }) => i);
      // A pre-agreement ends with an agreement signed on or after it and with a withdrawal or pause
      // dated on or after it, and does not count while an agreement covers the municipality.
      const withdrawn = intervals(h.withdrawal).some(runningAt);
      const pre =
        !withdrawn &&
        h.pre !== null &&
        on(h.pre) &&
        !signings.some((s) => s.sign >= h.pre! && on(s.sign)) &&
        !h.withdrawal.filter((_, i) => i % 2 === 0).some((w) => w >= h.pre! && on(w)) &&
        covering.length === 0;
      const coaching = intervals(h.coaching).some(runningAt);
      const analysisUnderWay = intervals(h.analysis).some(runningAt);
      const analysesCompleted = intervals(h.analysis).filter((iv) => iv.end !== null && on(iv.end)).length;
      const firstSign = signings
        .filter((s) => on(s.sign))
        .map((s) => s.sign)
        .sort((x, y) => x - y)[0];
      return {
        advised: h.consultations.some(on),
        pre,
        covering,
        signedAgreements,
        coaching,
        analysisUnderWay,
        analysesCompleted,
        withdrawn,
        // Collaboration is an agreement or a pre-agreement in force; coaching or an analysis alone is not.
        inCollaboration: !withdrawn && (pre || covering.length > 0),
        firstSign,
      };
    });
    return {
      area(inArea: (c: number) => boolean) {
        const cs = per.map((p, c) => ({ p, c })).filter(({ c }) => inArea(c));
        return {
          municipalities: cs.length,
          advised: cs.filter(({ p }) => p.advised).length,
          preAgreements: cs.filter(({ p }) => p.pre).length,
          agreementsInForce: new Set(cs.flatMap(({ p }) => p.covering)).size,
          communesCoveredByAgreements: cs.filter(({ p }) => p.covering.length > 0 && !p.withdrawn).length,
          agreementsSigned: new Set(cs.flatMap(({ p }) => p.signedAgreements)).size,
          coachingRunning: cs.filter(({ p }) => p.coaching).length,
          analysesUnderWay: cs.filter(({ p }) => p.analysisUnderWay).length,
          analysesCompleted: cs.reduce((n, { p }) => n + p.analysesCompleted, 0),
          inCollaboration: cs.filter(({ p }) => p.inCollaboration).length,
          withdrawn: cs.filter(({ p }) => p.withdrawn).length,
        };
      },
      rank(c: number): number | null {
        const mine = per[c]!.firstSign;
        if (mine === undefined) return null;
        const district = communes[c]!.district;
        return (
          1 +
          per.filter(
            (p, o) =>
              o !== c &&
              communes[o]!.district === district &&
              p.firstSign !== undefined &&
              (p.firstSign < mine || (p.firstSign === mine && communes[o]!.ags < communes[c]!.ags)),
          ).length
        );
      },
    };
  }
});
