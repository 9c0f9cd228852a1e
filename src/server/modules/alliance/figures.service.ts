import type {
  AgreementFigureQuery,
  AgreementFigureRows,
  CommuneState,
  FigureCounts,
  Figures,
  MunicipalityDetail,
  MunicipalityStatusRow,
  PublicFigureQuery,
  PublicFigureRows,
  Series,
  SeriesQuery,
  StatusFilter,
  StatusListQuery,
} from '../../../shared/alliance.schema.ts';
import { ALLIANCE_LIMITS } from '../../../shared/alliance.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { fieldError, notFound } from '../../http/problem.ts';
import { allows } from '../../../shared/policies.ts';
import { inScope, municipalityScopeKey, requireAccess, scopeOf } from '../../auth/access.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import * as repo from './alliance.repository.ts';
import {
  aggregateEvents,
  aggregatesFromIndex,
  buildEventIndex,
  communeStates,
  computeAreaCounts,
  computeFigures,
  computeSeries,
  type CoreState,
  countsMunicipality,
  EMPTY_STATE,
  type EventAggregate,
  type EventGroup,
  factBoxText,
  monthlyPoints,
  monthsBetween,
  type Place,
  rankWithinDistricts,
} from './figures.ts';
import { todayBerlin } from '../../../shared/time.ts';
import { shortMunicipalityName } from '../../../shared/municipality-name.ts';
import { presentAgreements, presentEvent, requirePlace } from './alliance.shared.ts';
import { getSettings } from './settings.service.ts';

/* The network figures at a date (figures.ts computes them from the events), the status list, a municipality's record, the time series and the fact box. */

/**
 * How the figures load their events; all three are measured by bench/figures.ts (see ADR 005):
 * - `sql`: GROUP BY in the database, per request;
 * - `memory`: the compact event table loaded per request and folded in memory;
 * - `indexed`: the compact table loaded once per change of the events (a counter in the database
 *   says when) into a sorted index kept by the server; per request a binary search per group.
 */
export type FiguresStrategy = 'sql' | 'memory' | 'indexed';
export const FIGURES_STRATEGY: { current: FiguresStrategy } = { current: 'indexed' };

const eventIndexes = new WeakMap<object, { generation: number; index: EventGroup[] }>();

async function indexedAggregates(db: DbOrTrx, at: string): Promise<EventAggregate[]> {
  // Inside a transaction the caller may see its own uncommitted writes: no cache there.
  if (db.isTransaction) return repo.aggregateActiveEvents(db, at);
  // The counter is read before the events, so a cached index is never older than its counter.
  const generation = await repo.readEventsGeneration(db);
  let entry = eventIndexes.get(db);
  if (generation === null || !entry || entry.generation !== generation) {
    entry = { generation: generation ?? -1, index: buildEventIndex(await repo.listActiveEvents(db)) };
    if (generation !== null) eventIndexes.set(db, entry);
  }
  return aggregatesFromIndex(entry.index, at);
}

/** The aggregates of the active events up to `at`. */
export async function loadAggregates(
  db: DbOrTrx,
  at: string,
  strategy: FiguresStrategy = FIGURES_STRATEGY.current,
): Promise<EventAggregate[]> {
  switch (strategy) {
    case 'sql':
      return repo.aggregateActiveEvents(db, at);
    case 'memory':
      return aggregateEvents(await repo.listActiveEvents(db, at), at);
    default:
      return indexedAggregates(db, at);
  }
}

export interface FigureInputs {
  at: string;
  placeRows: repo.PlaceRow[];
  places: Place[];
  districts: Awaited<ReturnType<typeof repo.listDistricts>>;
  directorates: Awaited<ReturnType<typeof repo.listDirectorates>>;
  states: Map<string, CoreState>;
  ranks: Map<string, number>;
}

const toPlace = (r: repo.PlaceRow): Place => ({
  ags: r.ags,
  name: r.name,
  districtAgs: r.district_ags,
  directorateId: r.directorate_id ?? null,
  active: r.active === 1,
});

/** Everything the figures of one date need, loaded once per request. */
export async function loadFigureInputs(db: DbOrTrx, at: string): Promise<FigureInputs> {
  const [placeRows, districts, directorates, aggregates] = await Promise.all([
    repo.listPlaces(db),
    repo.listDistricts(db),
    repo.listDirectorates(db),
    loadAggregates(db, at),
  ]);
  const places = placeRows.map(toPlace);
  const states = communeStates(aggregates);
  return { at, placeRows, places, districts, directorates, states, ranks: rankWithinDistricts(places, states) };
}

/** The network figures at a date: statewide, per district, per police directorate. */
export async function getFigures(db: DbOrTrx, at: string = todayBerlin()): Promise<Figures> {
  const [inputs, settings] = await Promise.all([loadFigureInputs(db, at), getSettings(db)]);
  return figuresFrom(inputs, settings.programmeStart);
}

export function figuresFrom(inputs: FigureInputs, programmeStart: string): Figures {
  const t = computeFigures(
    inputs.places,
    inputs.states,
    inputs.districts.map((d) => ({ key: d.ags, name: d.name })),
    inputs.directorates.map((d) => ({ key: d.id, name: d.name })),
  );
  return { at: inputs.at, programmeStart, ...t };
}

function stateWithRank(inputs: FigureInputs, ags: string): CommuneState {
  const { agreementsSigned: _signed, ...s } = inputs.states.get(ags) ?? EMPTY_STATE;
  return { ...s, agreementsInForce: [...s.agreementsInForce], rank: inputs.ranks.get(ags) ?? null };
}

/** Everything `statusRows` reads of a principal, as one string: equal keys get equal rows. */
export function statusScopeKey(principal: Principal | null): string {
  return principal && allows('alliance.readDetail', principal.role) ? municipalityScopeKey(principal) : 'none';
}

/** Each municipality's status at the date, with the principal's right to open its record. */
export async function statusRows(db: DbOrTrx, principal: Principal | null, inputs: FigureInputs): Promise<MunicipalityStatusRow[]> {
  const scope = principal && allows('alliance.readDetail', principal.role) ? await scopeOf(db, principal) : null;
  return inputs.placeRows
    .filter((r) => r.active === 1 || inputs.states.has(r.ags))
    .map((r) => ({
      ags: r.ags,
      name: r.name,
      districtAgs: r.district_ags,
      districtName: r.district_name,
      directorateId: r.directorate_id ?? null,
      directorateName: r.directorate_name ?? null,
      active: r.active === 1,
      canSeeDetail: scope !== null && inScope(scope, r.ags),
      ...stateWithRank(inputs, r.ags),
    }));
}

// German order of names; built once, as building a collator costs more than a sort of the list.
const collator = new Intl.Collator('de');

const STATUS_ORDER = ['none', 'advised', 'former', 'collaboration', 'pre_agreement', 'agreement', 'paused', 'withdrawn'];

/** The list of municipalities with their status at a date: filtered, sorted, paged. */
export async function listStatuses(db: DbOrTrx, principal: Principal, q: StatusListQuery) {
  const inputs = await loadFigureInputs(db, q.at ?? todayBerlin());
  const rows = filterStatuses(await statusRows(db, principal, inputs), q);
  const start = (q.page - 1) * q.pageSize;
  return { items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
}

/** Applies the list's filters and order (the list and the export share them). */
export function filterStatuses(all: MunicipalityStatusRow[], q: StatusFilter): MunicipalityStatusRow[] {
  let rows = all;
  if (q.detailOnly === 'true') rows = rows.filter((r) => r.canSeeDetail);
  if (q.district) rows = rows.filter((r) => r.districtAgs === q.district);
  if (q.directorateId) rows = rows.filter((r) => r.directorateId === q.directorateId);
  if (q.status) rows = rows.filter((r) => r.status === q.status);
  if (q.inCollaboration) rows = rows.filter((r) => r.inCollaboration === (q.inCollaboration === 'true'));
  const figure = q.figure;
  if (figure) rows = rows.filter((r) => countsMunicipality(figure, r.active, r));
  if (q.q) {
    const needle = q.q.trim().toLowerCase();
    rows = rows.filter((r) => (/^\d+$/.test(needle) ? r.ags.startsWith(needle) : r.name.toLowerCase().includes(needle)));
  }
  const dir = q.order === 'asc' ? 1 : -1;
  const key = (r: MunicipalityStatusRow): string | number => {
    switch (q.sort) {
      case 'ags':
        return r.ags;
      case 'district':
        return `${r.districtName}\u0000${r.name}`;
      case 'status':
        return STATUS_ORDER.indexOf(r.status);
      case 'rank':
        return r.rank ?? Number.MAX_SAFE_INTEGER;
      case 'firstAgreementSignedOn':
        return r.firstAgreementSignedOn ?? '9999';
      default:
        return r.name;
    }
  };
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
    return c !== 0 ? c * dir : a.ags < b.ags ? -1 : 1;
  });
  return rows;
}

/**
 * The drill-down of an agreement figure: the agreements it counts at the date in the area (those
 * of its places' states), each with its parties in the area, by first signing.
 */
export async function listAgreementFigureRows(db: DbOrTrx, q: AgreementFigureQuery): Promise<AgreementFigureRows> {
  const at = q.at ?? todayBerlin();
  const [inputs, area] = await Promise.all([loadFigureInputs(db, at), resolveArea(db, q)]);
  const partiesOf = new Map<number, { ags: string; name: string }[]>();
  const inForce = new Set<number>();
  for (const r of inputs.placeRows) {
    const s = inputs.states.get(r.ags);
    if (!s || !area.inArea(toPlace(r))) continue;
    for (const id of s.agreementsInForce) inForce.add(id);
    for (const id of q.figure === 'agreementsInForce' ? s.agreementsInForce : s.agreementsSigned) {
      let list = partiesOf.get(id);
      if (!list) partiesOf.set(id, (list = []));
      list.push({ ags: r.ags, name: r.name });
    }
  }
  let ids = [...partiesOf.keys()];
  if (q.withoutDocument === 'true') {
    const signed = new Set(
      (await listDocumentsOfOwners(db, 'alliance_agreement', ids)).filter((d) => d.kind === 'signed_agreement').map((d) => d.ownerId),
    );
    ids = ids.filter((id) => !signed.has(id));
  }
  const rows = await repo.findAgreementRows(db, ids);
  const firsts = await repo.listFirstSigningsOfAgreements(db, ids);
  const items = rows
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      signedOn: firsts.get(r.id) ?? '',
      inForce: inForce.has(r.id),
      parties: partiesOf.get(r.id)!.sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .sort((a, b) => (a.signedOn < b.signedOn ? -1 : a.signedOn > b.signedOn ? 1 : a.id - b.id));
  return { at, figure: q.figure, total: items.length, items };
}

/**
 * The public drill-down of any figure (the public page, decision 035): the municipalities it
 * counts (a municipality once per completed analysis), or the agreements with their parties' names
 * and first signing; names and dates only, as the public page's member map shows them.
 */
export async function listPublicFigureRows(db: DbOrTrx, q: PublicFigureQuery): Promise<PublicFigureRows> {
  const at = q.at ?? todayBerlin();
  const [inputs, area] = await Promise.all([loadFigureInputs(db, at), resolveArea(db, q)]);
  const areaName = area.level === 'state' ? null : area.name;
  const figure = q.figure;
  if (figure === 'agreementsInForce' || figure === 'agreementsSigned') {
    const agreements = await listAgreementFigureRows(db, { figure, at, district: q.district, directorateId: q.directorateId });
    const items = agreements.items.map((a) => ({
      name: a.parties.map((p) => p.name).join(', '),
      districtName: null,
      signedOn: a.signedOn || null,
    }));
    return { at, figure, area: areaName, total: items.length, items };
  }
  const items: PublicFigureRows['items'] = [];
  for (const r of inputs.placeRows) {
    const place = toPlace(r);
    if (!area.inArea(place)) continue;
    const s = inputs.states.get(r.ags);
    const times = figure === 'analysesCompleted' ? (s?.analysesCompleted ?? 0) : countsMunicipality(figure, place.active, s) ? 1 : 0;
    for (let i = 0; i < times; i++) items.push({ name: r.name, districtName: r.district_name, signedOn: null });
  }
  items.sort((a, b) => collator.compare(a.name, b.name));
  return { at, figure, area: areaName, total: items.length, items };
}

/** A municipality's full record: timeline with corrections, state and rank at the date, agreements. */
export async function getMunicipalityDetail(
  db: DbOrTrx,
  principal: Principal,
  ags: string,
  at: string = todayBerlin(),
): Promise<MunicipalityDetail> {
  const place = await requirePlace(db, ags);
  await requireAccess(db, principal, 'alliance.readDetail', ags);
  const rows = await repo.listEventsOfMunicipality(db, ags);
  const events = rows.map(presentEvent);
  const active = events
    .filter((e) => e.status === 'active')
    .map((e) => ({ ags: e.ags, type: e.type, date: e.date, agreementId: e.agreementId, kind: e.kind }));
  const core = communeStates(aggregateEvents(active, at)).get(ags) ?? EMPTY_STATE;
  const { agreementsSigned: _signed, ...state } = core;
  const firsts = (await repo.listFirstSigningsInDistrict(db, place.district_ags))
    .filter((f) => f.first <= at)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.ags < b.ags ? -1 : 1));
  const idx = firsts.findIndex((f) => f.ags === ags);
  const agreementRows = await repo.findAgreementRows(db, await repo.listAgreementIdsOfMunicipality(db, ags));
  return {
    at,
    municipality: {
      ags: place.ags,
      name: place.name,
      districtAgs: place.district_ags,
      districtName: place.district_name,
      directorateId: place.directorate_id ?? null,
      directorateName: place.directorate_name ?? null,
      population: place.population,
      active: place.active === 1,
    },
    state: { ...state, agreementsInForce: [...state.agreementsInForce], rank: idx >= 0 ? idx + 1 : null },
    events,
    agreements: await presentAgreements(db, agreementRows),
  };
}

/** Resolves a district or directorate filter to an area predicate and its name. */
async function resolveArea(db: DbOrTrx, q: { district?: string; directorateId?: number }) {
  if (q.district) {
    const d = (await repo.listDistricts(db)).find((x) => x.ags === q.district);
    if (!d) throw fieldError('district', { de: `Unbekannter Kreis ${q.district}.`, en: `Unknown district ${q.district}.` }, 'unknown');
    return { level: 'district' as const, key: d.ags, name: d.name, inArea: (p: Place) => p.districtAgs === d.ags };
  }
  if (q.directorateId) {
    const d = await repo.findDirectorate(db, q.directorateId);
    if (!d) throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
    return { level: 'directorate' as const, key: String(d.id), name: d.name, inArea: (p: Place) => p.directorateId === d.id };
  }
  return { level: 'state' as const, key: null, name: 'Land', inArea: () => true };
}

/** The monthly time series of the figures from the programme start (or `from`) to `to`. */
export async function getSeries(db: DbOrTrx, q: SeriesQuery): Promise<Series> {
  const settings = await getSettings(db);
  const from = q.from ?? settings.programmeStart;
  const to = q.to ?? todayBerlin();
  if (from > to) throw fieldError('from', { de: 'Der Beginn liegt nach dem Ende.', en: 'The start lies after the end.' }, 'range');
  if (monthsBetween(from, to) > ALLIANCE_LIMITS.seriesPointsMax) {
    throw fieldError(
      'from',
      { de: `Höchstens ${ALLIANCE_LIMITS.seriesPointsMax} Monate.`, en: `At most ${ALLIANCE_LIMITS.seriesPointsMax} months.` },
      'too_big',
    );
  }
  const area = await resolveArea(db, q);
  const [placeRows, events] = await Promise.all([repo.listPlaces(db), repo.listActiveEvents(db, to)]);
  const points = computeSeries(events, monthlyPoints(from, to), placeRows.map(toPlace), area.inArea);
  return { from, to, area: { level: area.level, key: area.key, name: area.name }, points };
}

/** The German (and English) fact box of a press release for a date, optionally naming a municipality's rank. */
export async function getFactBox(
  db: DbOrTrx,
  at: string = todayBerlin(),
  ags?: string,
): Promise<{ at: string; de: string; en: string; figures: FigureCounts }> {
  const [inputs, settings] = await Promise.all([loadFigureInputs(db, at), getSettings(db)]);
  const counts = computeAreaCounts(inputs.places, inputs.states, () => true);
  let municipality;
  if (ags) {
    const p = inputs.placeRows.find((r) => r.ags === ags);
    if (!p) throw notFound({ de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` });
    municipality = {
      // The short form of official texts ("Oelsnitz/Erzgeb." for "Oelsnitz/Erzgeb., Stadt").
      name: shortMunicipalityName(
        p.name,
        inputs.placeRows.map((r) => r.name),
      ),
      districtName: p.district_name,
      districtTypeCode: p.district_type,
      rank: inputs.ranks.get(ags) ?? null,
      firstAgreementSignedOn: inputs.states.get(ags)?.firstAgreementSignedOn ?? null,
    };
  }
  const text = factBoxText({ at, programmeName: settings.programmeName, programmeStart: settings.programmeStart, counts, municipality });
  return { at, ...text, figures: counts };
}
