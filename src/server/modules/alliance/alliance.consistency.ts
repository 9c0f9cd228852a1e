import { EVENT_TYPE_LABELS, type EventType } from '../../../shared/alliance.schema.ts';
import type { Contradiction } from '../../../shared/consistency.schema.ts';
import { formatDate } from '../../../shared/time.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './alliance.repository.ts';
import { figuresFrom, loadFigureInputs } from './figures.service.ts';
import { getSettings } from './settings.service.ts';

/* The alliance's part of `praevis check` (decision 026): events in the future, the counting invariant, processes without an agreement. */

/** The active lifecycle events of the given types, with their ids: other modules compare them with their records. */
export async function listLifecycleEvents(db: DbOrTrx, types: EventType[]) {
  return repo.listActiveEventsOfTypes(db, types);
}

/** The contradictions in the alliance's own data at `today`. */
export async function findAllianceContradictions(db: DbOrTrx, today: string): Promise<Contradiction[]> {
  const out: Contradiction[] = [];
  for (const e of await repo.listActiveEventsAfter(db, today)) {
    const label = EVENT_TYPE_LABELS[e.type];
    out.push({
      kind: 'date_in_future',
      module: 'alliance',
      recordType: 'alliance_event',
      recordId: String(e.id),
      ags: e.ags,
      date: e.date,
      link: `/municipalities/${e.ags}`,
      de: `Ereignis „${label.de}“ (Nr. ${e.id}) ist auf den ${formatDate(e.date, 'de', 'long')} datiert, nach heute.`,
      en: `Event "${label.en}" (no. ${e.id}) is dated ${formatDate(e.date, 'en', 'long')}, after today.`,
    });
  }
  const [inputs, settings] = await Promise.all([loadFigureInputs(db, today), getSettings(db)]);
  const figures = figuresFrom(inputs, settings.programmeStart);
  out.push(
    ...findInvariantViolations(
      [
        { key: 'statewide', name: { de: 'landesweit', en: 'statewide' }, c: figures.statewide },
        ...figures.districts.map((d) => ({ key: `district:${d.ags}`, name: { de: d.name, en: d.name }, c: d })),
        ...figures.directorates.map((d) => ({ key: `directorate:${d.id}`, name: { de: d.name, en: d.name }, c: d })),
      ],
      today,
    ),
  );
  for (const p of inputs.placeRows) {
    const s = inputs.states.get(p.ags);
    if (s?.status !== 'collaboration') continue;
    const what = s.coachingRunning
      ? { de: 'ein Coaching läuft', en: 'coaching is running' }
      : { de: 'eine Sicherheitsanalyse läuft', en: 'a security analysis is under way' };
    out.push({
      kind: 'process_without_agreement',
      module: 'alliance',
      recordType: 'municipality',
      recordId: p.ags,
      ags: p.ags,
      date: today,
      link: `/municipalities/${p.ags}`,
      de: `${p.name}: ${what.de}, aber weder eine Kooperationsvereinbarung noch eine Vorvereinbarung ist in Kraft.`,
      en: `${p.name}: ${what.en}, but neither a cooperation agreement nor a pre-agreement is in force.`,
    });
  }
  return out;
}

/** The figures of one area that the counting invariant of decision 005 concerns. */
export interface InvariantArea {
  key: string;
  name: { de: string; en: string };
  c: { communesCoveredByAgreements: number; preAgreements: number; inCollaboration: number };
}

/** Areas where covered + with a pre-agreement ≠ in collaboration (a guard: it holds by construction). */
export function findInvariantViolations(areas: InvariantArea[], today: string): Contradiction[] {
  const out: Contradiction[] = [];
  for (const a of areas) {
    const { communesCoveredByAgreements: covered, preAgreements: pre, inCollaboration: total } = a.c;
    if (covered + pre === total) continue;
    out.push({
      kind: 'figures_invariant',
      module: 'alliance',
      recordType: 'figures',
      recordId: a.key,
      ags: null,
      date: today,
      link: `/dashboard?at=${today}`,
      de: `Kennzahlen ${a.name.de}: ${covered} Kommunen mit Vereinbarung + ${pre} mit Vorvereinbarung ≠ ${total} in Zusammenarbeit.`,
      en: `Figures ${a.name.en}: ${covered} covered + ${pre} with a pre-agreement ≠ ${total} in collaboration.`,
    });
  }
  return out;
}
