/*
 * The network figures as pure functions: events in, counts out. No database, no clock.
 * The definitions follow the domain brief; the edge semantics are in
 * docs/decisions/005-network-figures-semantics.md. In short: every date is a calendar date, an
 * event dated D has happened at D (so a termination, an end or a withdrawal dated D already counts
 * at D), and only active events (not corrected, not cancelled) are passed in.
 */
import {
  type CommuneState,
  type EventType,
  type FigureCounts,
  MUNICIPALITY_FIGURES,
  type MunicipalityFigure,
  type MunicipalityStatus,
  type WithdrawalKind,
} from '../../../shared/alliance.schema.ts';
import { formatDate } from '../../../shared/time.ts';

/** The few columns of an event the figures need. */
export interface CompactEvent {
  ags: string;
  type: EventType;
  date: string;
  agreementId: number | null;
  kind: WithdrawalKind | null;
}

/** Events of one (municipality, type, agreement, withdrawal kind) folded up to a date: all the figures need. */
export interface EventAggregate {
  ags: string;
  type: EventType;
  agreementId: number | null;
  kind: WithdrawalKind | null;
  count: number;
  firstDate: string;
  lastDate: string;
}

/** A municipality as the figures see it. */
export interface Place {
  ags: string;
  name: string;
  districtAgs: string;
  directorateId: number | null;
  active: boolean;
}

export interface Area<K> {
  key: K;
  name: string;
}

/** Folds the events dated on or before `at` into aggregates. */
export function aggregateEvents(events: Iterable<CompactEvent>, at: string): EventAggregate[] {
  const map = new Map<string, EventAggregate>();
  for (const e of events) {
    if (e.date > at) continue;
    addToAggregates(map, e);
  }
  return [...map.values()];
}

function addToAggregates(map: Map<string, EventAggregate>, e: CompactEvent): void {
  const key = `${e.ags}|${e.type}|${e.agreementId ?? ''}|${e.kind ?? ''}`;
  const a = map.get(key);
  if (!a) {
    map.set(key, { ags: e.ags, type: e.type, agreementId: e.agreementId, kind: e.kind, count: 1, firstDate: e.date, lastDate: e.date });
    return;
  }
  a.count += 1;
  if (e.date < a.firstDate) a.firstDate = e.date;
  if (e.date > a.lastDate) a.lastDate = e.date;
}

/** Every event of one (municipality, type, agreement, withdrawal kind), dates sorted. */
export interface EventGroup {
  ags: string;
  type: EventType;
  agreementId: number | null;
  kind: WithdrawalKind | null;
  dates: string[];
}

/** All events grouped and sorted by date: the aggregates at any date are then a binary search per group. */
export function buildEventIndex(events: Iterable<CompactEvent>): EventGroup[] {
  const map = new Map<string, EventGroup>();
  for (const e of events) {
    const key = `${e.ags}|${e.type}|${e.agreementId ?? ''}|${e.kind ?? ''}`;
    let g = map.get(key);
    if (!g) map.set(key, (g = { ags: e.ags, type: e.type, agreementId: e.agreementId, kind: e.kind, dates: [] }));
    g.dates.push(e.date);
  }
  const groups = [...map.values()];
  for (const g of groups) g.dates.sort();
  return groups;
}

/** The aggregates of the events dated on or before `at`, from an index. */
export function aggregatesFromIndex(index: readonly EventGroup[], at: string): EventAggregate[] {
  const out: EventAggregate[] = [];
  for (const g of index) {
    // Number of dates <= at (upper bound by binary search).
    let lo = 0;
    let hi = g.dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (g.dates[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0)
      out.push({
        ags: g.ags,
        type: g.type,
        agreementId: g.agreementId,
        kind: g.kind,
        count: lo,
        firstDate: g.dates[0]!,
        lastDate: g.dates[lo - 1]!,
      });
  }
  return out;
}

/** The state of one municipality at the reference date, before ranking. */
export type CoreState = Omit<CommuneState, 'rank'> & { agreementsSigned: number[] };

interface Acc {
  consultations: number;
  lastPre: string | null;
  lastSigned: string | null;
  firstSigned: string | null;
  signed: Map<number, number>;
  terminated: Map<number, number>;
  coachingStarted: number;
  coachingEnded: number;
  analysisStarted: number;
  analysisCompleted: number;
  withdrawals: number;
  resumptions: number;
  lastWithdrawal: string | null;
  lastWithdrawalKind: WithdrawalKind | null;
}

function newAcc(): Acc {
  return {
    consultations: 0,
    lastPre: null,
    lastSigned: null,
    firstSigned: null,
    signed: new Map(),
    terminated: new Map(),
    coachingStarted: 0,
    coachingEnded: 0,
    analysisStarted: 0,
    analysisCompleted: 0,
    withdrawals: 0,
    resumptions: 0,
    lastWithdrawal: null,
    lastWithdrawalKind: null,
  };
}

const max = (a: string | null, b: string) => (a === null || b > a ? b : a);
const min = (a: string | null, b: string) => (a === null || b < a ? b : a);

/** Derives each municipality's state from the aggregates of its events up to the reference date. */
export function communeStates(aggregates: Iterable<EventAggregate>): Map<string, CoreState> {
  const accs = new Map<string, Acc>();
  for (const a of aggregates) {
    let acc = accs.get(a.ags);
    if (!acc) accs.set(a.ags, (acc = newAcc()));
    switch (a.type) {
      case 'consultation':
        acc.consultations += a.count;
        break;
      case 'pre_agreement_signed':
        acc.lastPre = max(acc.lastPre, a.lastDate);
        break;
      case 'agreement_signed':
        acc.lastSigned = max(acc.lastSigned, a.lastDate);
        acc.firstSigned = min(acc.firstSigned, a.firstDate);
        if (a.agreementId !== null) acc.signed.set(a.agreementId, (acc.signed.get(a.agreementId) ?? 0) + a.count);
        break;
      case 'agreement_terminated':
        if (a.agreementId !== null) acc.terminated.set(a.agreementId, (acc.terminated.get(a.agreementId) ?? 0) + a.count);
        break;
      case 'coaching_started':
        acc.coachingStarted += a.count;
        break;
      case 'coaching_ended':
        acc.coachingEnded += a.count;
        break;
      case 'analysis_started':
        acc.analysisStarted += a.count;
        break;
      case 'analysis_completed':
        acc.analysisCompleted += a.count;
        break;
      case 'withdrawn':
        acc.withdrawals += a.count;
        if (acc.lastWithdrawal === null || a.lastDate > acc.lastWithdrawal) {
          acc.lastWithdrawal = a.lastDate;
          acc.lastWithdrawalKind = a.kind ?? 'withdrawal';
        }
        break;
      case 'resumed':
        acc.resumptions += a.count;
        break;
      default:
        break; // milestones without effect on the figures
    }
  }
  const states = new Map<string, CoreState>();
  for (const [ags, acc] of accs) states.set(ags, stateOf(acc));
  return states;
}

function stateOf(acc: Acc): CoreState {
  const agreementsInForce: number[] = [];
  for (const [id, n] of acc.signed) if (n > (acc.terminated.get(id) ?? 0)) agreementsInForce.push(id);
  agreementsInForce.sort((a, b) => a - b);
  const agreementsSigned = [...acc.signed.keys()].sort((a, b) => a - b);
  const coveredByAgreement = agreementsInForce.length > 0;
  // A pre-agreement is superseded by a cooperation agreement signed on or after it, and ended by a
  // withdrawal or pause dated on or after it; it does not count while the municipality is withdrawn
  // or paused, nor while an agreement covers it (decision 005).
  const withdrawn = acc.withdrawals > acc.resumptions ? (acc.lastWithdrawalKind ?? 'withdrawal') : null;
  const preAgreement =
    withdrawn === null &&
    acc.lastPre !== null &&
    (acc.lastSigned === null || acc.lastSigned < acc.lastPre) &&
    (acc.lastWithdrawal === null || acc.lastWithdrawal < acc.lastPre) &&
    !coveredByAgreement;
  const coachingRunning = acc.coachingStarted > acc.coachingEnded;
  const analysisUnderWay = acc.analysisStarted > acc.analysisCompleted;
  // In collaboration = covered by an agreement in force or with a pre-agreement in force, and not
  // withdrawn; so covered + pre-agreements = in collaboration in every area (decision 005).
  const inCollaboration = withdrawn === null && (preAgreement || coveredByAgreement);
  const advised = acc.consultations > 0;
  return {
    status: statusOf({
      withdrawn,
      coveredByAgreement,
      preAgreement,
      working: coachingRunning || analysisUnderWay,
      everSigned: agreementsSigned.length > 0,
      advised,
    }),
    advised,
    preAgreement,
    coveredByAgreement,
    agreementsInForce,
    agreementsSigned,
    coachingRunning,
    analysisUnderWay,
    analysesCompleted: acc.analysisCompleted,
    withdrawn,
    inCollaboration,
    firstAgreementSignedOn: acc.firstSigned,
  };
}

function statusOf(s: {
  withdrawn: WithdrawalKind | null;
  coveredByAgreement: boolean;
  preAgreement: boolean;
  working: boolean;
  everSigned: boolean;
  advised: boolean;
}): MunicipalityStatus {
  if (s.withdrawn) return s.withdrawn === 'pause' ? 'paused' : 'withdrawn';
  if (s.coveredByAgreement) return 'agreement';
  if (s.preAgreement) return 'pre_agreement';
  if (s.working) return 'collaboration';
  if (s.everSigned) return 'former';
  if (s.advised) return 'advised';
  return 'none';
}

/** The state of a municipality without any event. */
export const EMPTY_STATE: CoreState = Object.freeze({
  status: 'none',
  advised: false,
  preAgreement: false,
  coveredByAgreement: false,
  agreementsInForce: [],
  agreementsSigned: [],
  coachingRunning: false,
  analysisUnderWay: false,
  analysesCompleted: 0,
  withdrawn: null,
  inCollaboration: false,
  firstAgreementSignedOn: null,
}) as CoreState;

/**
 * Ranks the municipalities of each district by their first agreement signing (ties by AGS).
 * Only municipalities that signed by the reference date get a rank; a later termination or
 * withdrawal does not take the rank away (it says who joined when).
 */
export function rankWithinDistricts(places: readonly Place[], states: ReadonlyMap<string, CoreState>): Map<string, number> {
  const byDistrict = new Map<string, { ags: string; first: string }[]>();
  for (const p of places) {
    const first = states.get(p.ags)?.firstAgreementSignedOn;
    if (!first) continue;
    let list = byDistrict.get(p.districtAgs);
    if (!list) byDistrict.set(p.districtAgs, (list = []));
    list.push({ ags: p.ags, first });
  }
  const ranks = new Map<string, number>();
  for (const list of byDistrict.values()) {
    list.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0));
    list.forEach((x, i) => ranks.set(x.ags, i + 1));
  }
  return ranks;
}

/**
 * Whether a municipality counts in a municipality figure: the one rule the figures and their
 * drill-down lists share, so that a figure and the rows it links to are the same set.
 */
export function countsMunicipality(
  figure: MunicipalityFigure,
  active: boolean,
  s:
    | Pick<
        CoreState,
        'advised' | 'preAgreement' | 'coveredByAgreement' | 'coachingRunning' | 'analysisUnderWay' | 'inCollaboration' | 'withdrawn'
      >
    | undefined,
): boolean {
  if (figure === 'municipalities') return active;
  if (!s) return false;
  switch (figure) {
    case 'advised':
      return s.advised;
    case 'preAgreements':
      return s.preAgreement;
    case 'communesCoveredByAgreements':
      // A withdrawn municipality's agreement stays legally in force, but it is no longer counted as covered.
      return s.coveredByAgreement && s.withdrawn === null;
    case 'coachingRunning':
      return s.coachingRunning;
    case 'analysesUnderWay':
      return s.analysisUnderWay;
    case 'inCollaboration':
      return s.inCollaboration;
    case 'withdrawn':
      return s.withdrawn !== null;
  }
}

class Counter {
  municipalities = 0;
  advised = 0;
  preAgreements = 0;
  communesCoveredByAgreements = 0;
  coachingRunning = 0;
  analysesUnderWay = 0;
  analysesCompleted = 0;
  inCollaboration = 0;
  withdrawn = 0;
  readonly inForce = new Set<number>();
  readonly signed = new Set<number>();

  add(place: Place, s: CoreState | undefined): void {
    for (const key of MUNICIPALITY_FIGURES) if (countsMunicipality(key, place.active, s)) this[key] += 1;
    if (!s) return;
    for (const id of s.agreementsInForce) this.inForce.add(id);
    for (const id of s.agreementsSigned) this.signed.add(id);
    this.analysesCompleted += s.analysesCompleted;
  }

  counts(): FigureCounts {
    return {
      municipalities: this.municipalities,
      advised: this.advised,
      preAgreements: this.preAgreements,
      agreementsInForce: this.inForce.size,
      communesCoveredByAgreements: this.communesCoveredByAgreements,
      agreementsSigned: this.signed.size,
      coachingRunning: this.coachingRunning,
      analysesUnderWay: this.analysesUnderWay,
      analysesCompleted: this.analysesCompleted,
      inCollaboration: this.inCollaboration,
      withdrawn: this.withdrawn,
    };
  }
}

export interface FigureTables {
  statewide: FigureCounts;
  districts: (FigureCounts & { ags: string; name: string })[];
  directorates: (FigureCounts & { id: number; name: string })[];
}

/**
 * Counts statewide, per district and per police directorate. A joint agreement whose parties lie
 * in two districts counts once in each district and once statewide.
 */
export function computeFigures(
  places: readonly Place[],
  states: ReadonlyMap<string, CoreState>,
  districts: readonly Area<string>[],
  directorates: readonly Area<number>[],
): FigureTables {
  const state = new Counter();
  const byDistrict = new Map(districts.map((d) => [d.key, new Counter()]));
  const byDirectorate = new Map(directorates.map((d) => [d.key, new Counter()]));
  for (const p of places) {
    const s = states.get(p.ags);
    state.add(p, s);
    byDistrict.get(p.districtAgs)?.add(p, s);
    if (p.directorateId !== null) byDirectorate.get(p.directorateId)?.add(p, s);
  }
  return {
    statewide: state.counts(),
    districts: districts.map((d) => ({ ags: d.key, name: d.name, ...byDistrict.get(d.key)!.counts() })),
    directorates: directorates.map((d) => ({ id: d.key, name: d.name, ...byDirectorate.get(d.key)!.counts() })),
  };
}

/** Counts for one area only (statewide when `inArea` accepts every place). */
export function computeAreaCounts(
  places: readonly Place[],
  states: ReadonlyMap<string, CoreState>,
  inArea: (p: Place) => boolean,
): FigureCounts {
  const c = new Counter();
  for (const p of places) if (inArea(p)) c.add(p, states.get(p.ags));
  return c.counts();
}

// ---- time series ----

/** The last day of a month, `YYYY-MM-DD`. */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Monthly points from the month of `from` to the month of `to`: each month's last day, the last point `to` itself. */
export function monthlyPoints(from: string, to: string): { month: string; at: string }[] {
  const points: { month: string; at: string }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    const end = monthEnd(y, m);
    points.push({ month: `${y}-${String(m).padStart(2, '0')}`, at: end > to ? to : end });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return points;
}

/** Number of monthly points between two dates (for limits, before computing). */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/**
 * Counts at each point in one sweep: events are applied in date order, and since aggregates only
 * grow with the date, each point costs one pass over the aggregates, not over all events.
 */
export function computeSeries(
  events: readonly CompactEvent[],
  points: readonly { month: string; at: string }[],
  places: readonly Place[],
  inArea: (p: Place) => boolean,
): (FigureCounts & { month: string; at: string })[] {
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const areaPlaces = places.filter(inArea);
  const inAreaAgs = new Set(areaPlaces.map((p) => p.ags));
  const map = new Map<string, EventAggregate>();
  let i = 0;
  return points.map((pt) => {
    while (i < sorted.length && sorted[i]!.date <= pt.at) {
      const e = sorted[i++]!;
      if (inAreaAgs.has(e.ags)) addToAggregates(map, e);
    }
    const states = communeStates(map.values());
    return { month: pt.month, at: pt.at, ...computeAreaCounts(areaPlaces, states, () => true) };
  });
}

// ---- dates and the fact box ----

const nDe = (n: number) => n.toLocaleString('de-DE');
const nEn = (n: number) => n.toLocaleString('en-GB');
const pick = (n: number, one: string, many: string) => (n === 1 ? one : many);

export interface FactBoxInput {
  at: string;
  programmeName: string;
  programmeStart: string;
  counts: FigureCounts;
  /** The municipality whose rank the fact box names, if any. */
  municipality?: {
    name: string;
    districtName: string;
    districtTypeCode: string;
    rank: number | null;
    firstAgreementSignedOn: string | null;
  };
}

function districtPhraseDe(name: string, typeCode: string): string {
  const clean = name.replace(/,\s*Stadt$/, '');
  if (typeCode === '41' || typeCode === '42') return `in der kreisfreien Stadt ${clean}`;
  return /kreis/i.test(clean) ? `im ${clean}` : `im Landkreis ${clean}`;
}

function districtPhraseEn(name: string, typeCode: string): string {
  const clean = name.replace(/,\s*Stadt$/, '');
  if (typeCode === '41' || typeCode === '42') return `in the city of ${clean}`;
  return /kreis/i.test(clean) ? `in the ${clean}` : `in the district of ${clean}`;
}

/** The fact box of a press release, in German (and English), for one reference date. */
export function factBoxText(f: FactBoxInput): { de: string; en: string } {
  const c = f.counts;
  const isAlliance = /^allianz/i.test(f.programmeName);
  const de: string[] = [];
  const en: string[] = [];
  if (f.municipality) {
    const m = f.municipality;
    if (m.rank !== null && m.firstAgreementSignedOn) {
      de.push(
        `${m.name} ist die ${m.rank}. Kommune ${districtPhraseDe(m.districtName, m.districtTypeCode)}, die eine Kooperationsvereinbarung unterzeichnet hat (am ${formatDate(m.firstAgreementSignedOn, 'de', 'long')}).`,
      );
      en.push(
        `${m.name} is the ${ordinalEn(m.rank)} municipality ${districtPhraseEn(m.districtName, m.districtTypeCode)} to sign a cooperation agreement (on ${formatDate(m.firstAgreementSignedOn, 'en', 'long')}).`,
      );
    } else {
      de.push(`${m.name} hat bis zum ${formatDate(f.at, 'de', 'long')} keine Kooperationsvereinbarung unterzeichnet.`);
      en.push(`${m.name} had not signed a cooperation agreement by ${formatDate(f.at, 'en', 'long')}.`);
    }
  }
  // As a press release writes it: the agreements in force first, then what was concluded since the start.
  de.push(
    `Stand ${formatDate(f.at, 'de', 'long')}: ${nDe(c.agreementsInForce)} ${pick(c.agreementsInForce, 'Kooperationsvereinbarung ist', 'Kooperationsvereinbarungen sind')} mit ${nDe(c.communesCoveredByAgreements)} ${pick(c.communesCoveredByAgreements, 'Kommune', 'Kommunen')} in Kraft.`,
  );
  en.push(
    `As of ${formatDate(f.at, 'en', 'long')}: ${nEn(c.agreementsInForce)} cooperation ${pick(c.agreementsInForce, 'agreement', 'agreements')} with ${nEn(c.communesCoveredByAgreements)} ${pick(c.communesCoveredByAgreements, 'municipality', 'municipalities')} ${pick(c.agreementsInForce, 'is', 'are')} in force.`,
  );
  de.push(
    `Seit dem Start ${isAlliance ? 'der' : 'des Programms'} ${f.programmeName} am ${formatDate(f.programmeStart, 'de', 'long')} ${pick(c.advised, 'wurde', 'wurden')} ${nDe(c.advised)} ${pick(c.advised, 'Kommune', 'Kommunen')} beraten und ${nDe(c.agreementsSigned)} ${pick(c.agreementsSigned, 'Kooperationsvereinbarung', 'Kooperationsvereinbarungen')} geschlossen.`,
  );
  en.push(
    `Since the start of ${isAlliance ? 'the ' : ''}${f.programmeName} on ${formatDate(f.programmeStart, 'en', 'long')}, ${nEn(c.advised)} ${pick(c.advised, 'municipality has', 'municipalities have')} been advised and ${nEn(c.agreementsSigned)} cooperation ${pick(c.agreementsSigned, 'agreement', 'agreements')} concluded.`,
  );
  if (c.preAgreements > 0) {
    de.push(`${nDe(c.preAgreements)} ${pick(c.preAgreements, 'Kommune hat', 'Kommunen haben')} eine Vorvereinbarung.`);
    en.push(`${nEn(c.preAgreements)} ${pick(c.preAgreements, 'municipality has', 'municipalities have')} a pre-agreement.`);
  }
  de.push(
    `${nDe(c.coachingRunning)} ${pick(c.coachingRunning, 'Coachingprozess läuft', 'Coachingprozesse laufen')}, ${nDe(c.analysesCompleted)} ${pick(c.analysesCompleted, 'Sicherheitsanalyse wurde', 'Sicherheitsanalysen wurden')} abgeschlossen.`,
  );
  en.push(
    `${nEn(c.coachingRunning)} coaching ${pick(c.coachingRunning, 'process is', 'processes are')} running, ${nEn(c.analysesCompleted)} security ${pick(c.analysesCompleted, 'analysis has', 'analyses have')} been completed.`,
  );
  de.push(
    `Insgesamt arbeitet ${isAlliance ? 'die Allianz' : 'das Netzwerk'} mit ${nDe(c.inCollaboration)} ${pick(c.inCollaboration, 'Kommune', 'Kommunen')} zusammen.`,
  );
  en.push(
    `In total, the ${isAlliance ? 'alliance' : 'network'} works with ${nEn(c.inCollaboration)} ${pick(c.inCollaboration, 'municipality', 'municipalities')}.`,
  );
  return { de: de.join(' '), en: en.join(' ') };
}

function ordinalEn(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}
