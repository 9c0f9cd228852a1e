/*
 * `praevis demo`: a clearly labelled, fictional alliance history on top of an imported directory,
 * so that a newcomer sees a living system. Every note and title starts with "[Demo]", signatories
 * carry sample names, the events have source `demo`. A seeded random generator makes it
 * reproducible; the rows go through the history import, so the demo obeys every rule.
 */
import crypto from 'node:crypto';
import type { FigureCounts, SignatoryInput } from '../../../shared/alliance.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './alliance.repository.ts';
import { getFigures } from './figures.service.ts';
import type { HistoryRow } from './history-import.ts';
import { importHistoryRows } from './history-import.ts';
import { addDays, daysBetween, nowIso, todayBerlin } from '../../../shared/time.ts';

export const DEMO_PREFIX = '[Demo]';
const RECORDED_BY_MODULES = new Set<string>([
  'council_constituted',
  'coaching_started',
  'coaching_ended',
  'analysis_started',
  'analysis_completed',
]);
export const DEMO_SEED = 20190206;
const START = '2019-02-06';
const TARGET_ADVISED = 130;

/** A small, fast, seedable generator (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Days are counted from 1 January 1970.
const EPOCH = '1970-01-01';
const toDays = (d: string) => daysBetween(EPOCH, d);
const fromDays = (n: number) => addDays(EPOCH, n);

const TOPICS = [
  'Aufbau eines Kommunalen Präventionsrates',
  'Graffiti und Sachbeschädigung',
  'Vermüllung öffentlicher Plätze',
  'Gewalt im öffentlichen Raum',
  'Drogenprävention',
  'Extremismusprävention',
  'Förderung nach der RL KommPräv',
  'Sicherheitsanalyse und Bürgerbefragung',
  'Sicherheit auf Bahnhofsvorplätzen',
];
const PARTICIPANTS = [
  'Bürgermeister/in, Ordnungsamt, LPR-Beratung',
  'Bürgermeister/in, Polizeirevier, LPR-Beratung',
  'Hauptamt, Jugendarbeit, Polizeirevier, LPR-Beratung',
  'Stadtrat (Ausschuss), LPR-Beratung',
];
const FIRST = ['Erika', 'Max', 'Jana', 'Tom', 'Sabine', 'Uwe', 'Katrin', 'Jens', 'Anke', 'Frank', 'Heike', 'Lars'];
const LAST = ['Mustermann', 'Musterfrau', 'Beispiel', 'Probe', 'Exempel', 'Vorlage', 'Platzhalter', 'Muster'];

export interface DemoSummary {
  run: number;
  horizon: string;
  events: number;
  agreements: number;
  jointAgreements: number;
  municipalities: number;
  figures: FigureCounts;
}

interface Plan {
  ags: string;
  name: string;
  district: string;
  sign: number | null;
}

/** Generates the fictional history for the given municipalities (sorted by AGS), reproducibly. */
export function generateDemoRows(
  municipalities: { ags: string; name: string; districtAgs: string }[],
  opts: { seed: number; horizon: string; run: number },
): { rows: HistoryRow[]; joint: number } {
  const rnd = seededRandom(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pickOf = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const start = toDays(START);
  const horizon = toDays(opts.horizon);
  const span = horizon - start;
  const personName = () => `${pickOf(FIRST)} ${pickOf(LAST)}`;

  // Pick the advised municipalities: a seeded shuffle of all candidates.
  const pool = [...municipalities];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const nAdvised = Math.min(pool.length, TARGET_ADVISED, Math.max(1, Math.round(municipalities.length * 0.31)));
  const chosen = pool.slice(0, nAdvised);
  const nSigners = Math.round(nAdvised * 0.42);
  const plans: Plan[] = chosen.map((m, i) => ({
    ags: m.ags,
    name: m.name,
    district: m.districtAgs,
    // Earlier signings are more frequent: the alliance grew fast in its first years.
    sign: i < nSigners ? start + 120 + Math.floor(Math.pow(rnd(), 1.3) * (span - 150)) : null,
  }));

  // Joint agreements: a few signers share one agreement with neighbours of their district.
  const groups: Plan[][] = [];
  const grouped = new Set<string>();
  const signers = plans.filter((p) => p.sign !== null);
  const wantJoint = Math.max(0, Math.round(signers.length / 10));
  for (const leader of signers) {
    if (groups.filter((g) => g.length > 1).length >= wantJoint) break;
    if (grouped.has(leader.ags)) continue;
    const mates = signers.filter((p) => p !== leader && !grouped.has(p.ags) && p.district === leader.district).slice(0, int(1, 2));
    if (!mates.length) continue;
    const group = [leader, ...mates];
    for (const m of group) {
      m.sign = leader.sign;
      grouped.add(m.ags);
    }
    groups.push(group);
  }
  for (const s of signers)
    if (!grouped.has(s.ags)) {
      groups.push([s]);
      grouped.add(s.ags);
    }
  groups.sort((a, b) => a[0]!.sign! - b[0]!.sign! || (a[0]!.ags < b[0]!.ags ? -1 : 1));

  type Draft = Omit<HistoryRow, 'line'> & { day: number };
  const drafts: Draft[] = [];
  const add = (p: Plan, type: HistoryRow['type'], day: number, extra: Partial<Draft> = {}) => {
    drafts.push({
      ags: p.ags,
      type,
      date: '',
      day,
      topic: null,
      participants: null,
      kind: null,
      agreementRef: null,
      agreementTitle: null,
      agreementKind: null,
      directorate: null,
      signatories: [],
      ...extra,
      notes: `${DEMO_PREFIX} ${extra.notes ?? 'Fiktiver Eintrag zur Vorführung.'}`,
    });
  };
  const consultation = (p: Plan, day: number) =>
    add(p, 'consultation', day, { topic: pickOf(TOPICS), participants: pickOf(PARTICIPANTS), notes: 'Beratungsgespräch (fiktiv).' });

  const refOf = new Map<Plan, string>();
  groups.forEach((g, i) => g.forEach((p) => refOf.set(p, `DEMO-${opts.run}-KV-${String(i + 1).padStart(3, '0')}`)));

  // A few municipalities withdraw (one of them is paused and resumes further below).
  const singles = signers.filter((p) => groups.find((g) => g.includes(p))!.length === 1);
  const withdrawers = new Set<string>();
  while (withdrawers.size < Math.min(3, singles.length)) withdrawers.add(singles[Math.floor(rnd() * singles.length)]!.ags);
  let pauses = 0;
  let amendments = 0;
  for (const p of plans) {
    if (p.sign === null) {
      const first = start + Math.floor(Math.pow(rnd(), 1.2) * (span - 20));
      consultation(p, first);
      for (let k = int(0, 2), d = first; k > 0; k--) consultation(p, (d += int(40, 300)));
      if (chance(0.2)) {
        const pre = first + int(30, 200);
        add(p, 'pre_agreement_signed', pre, { notes: 'Vorvereinbarung unterzeichnet (fiktiv).' });
        if (chance(0.4)) {
          const cs = pre + int(20, 120);
          add(p, 'coaching_started', cs, { notes: 'Coach aus dem Pool zugeordnet (fiktiv).' });
          if (chance(0.5)) add(p, 'coaching_ended', cs + int(300, 700));
        }
      }
      continue;
    }
    const sign = p.sign;
    const first = Math.max(start, sign - int(90, 540));
    consultation(p, first);
    if (sign - first > 60) consultation(p, first + int(20, sign - first - 10));
    if (chance(0.6) && sign - first > 40)
      add(p, 'pre_agreement_signed', first + Math.floor((sign - first) * (0.3 + rnd() * 0.4)), {
        notes: 'Vorvereinbarung unterzeichnet (fiktiv).',
      });
    add(p, 'council_resolution', Math.max(first, sign - int(20, 120)), { notes: 'Stadtrat beschließt die Gründung eines KPR (fiktiv).' });
    const group = groups.find((g) => g.includes(p))!;
    const ref = refOf.get(p)!;
    add(p, 'agreement_signed', sign, {
      agreementRef: ref,
      notes: 'Kooperationsvereinbarung unterzeichnet (fiktiv).',
      agreementTitle: p === group[0] ? `${DEMO_PREFIX} Kooperationsvereinbarung ${group.map((g) => g.name).join(', ')}` : null,
      signatories: [
        { name: personName(), function: `Bürgermeister/in (${p.name})`, party: 'municipality', ags: p.ags },
        ...(p === group[0]
          ? [
              { name: personName(), function: 'Leitung der Polizeidirektion', party: 'police' as const, ags: null },
              { name: personName(), function: 'Geschäftsführung des Landespräventionsrates', party: 'council' as const, ags: null },
              ...(chance(0.2)
                ? [{ name: personName(), function: 'Staatsminister/in des Innern', party: 'ministry' as const, ags: null }]
                : []),
            ]
          : []),
      ] as SignatoryInput[],
    });
    if (p === group[0] && amendments < 2 && !group.some((m) => withdrawers.has(m.ags)) && chance(0.1)) {
      amendments += 1;
      for (const m of group)
        add(m, 'agreement_amended', sign + int(300, 700), { agreementRef: ref, notes: 'Anlage zu den Handlungsfeldern ergänzt (fiktiv).' });
    }
    if (chance(0.85)) add(p, 'council_constituted', sign + int(30, 200), { notes: 'Konstituierende Sitzung des KPR (fiktiv).' });
    let coachingEnd: number | null = null;
    let coachingStart: number | null = null;
    if (chance(0.85)) {
      coachingStart = sign + int(15, 120);
      add(p, 'coaching_started', coachingStart, { notes: 'Coach aus dem Pool zugeordnet (fiktiv).' });
      if (chance(0.45)) {
        coachingEnd = coachingStart + int(365, 900);
        add(p, 'coaching_ended', coachingEnd);
      }
    }
    if (chance(0.7)) {
      const as = sign + int(90, 400);
      add(p, 'analysis_started', as, { notes: 'Auftaktgespräch mit der Forschungsgruppe (fiktiv).' });
      const done = as + int(126, 154); // about 20 weeks
      add(p, 'analysis_completed', done, { notes: 'Bericht mit Empfehlungen übergeben (fiktiv).' });
      if (chance(0.8))
        add(p, 'strategy_adopted', done + int(30, 120), { notes: 'Strategieworkshop, Handlungsfelder beschlossen (fiktiv).' });
    }
    if (withdrawers.has(p.ags)) {
      const w = sign + int(400, 900);
      add(p, 'withdrawn', w, { kind: 'withdrawal', notes: 'Austritt nach Ratsbeschluss (fiktiv).' });
      add(p, 'agreement_terminated', w, { agreementRef: ref, notes: 'Vereinbarung einvernehmlich beendet (fiktiv).' });
      if (coachingStart !== null && coachingEnd === null) add(p, 'coaching_ended', Math.max(w, coachingStart));
    } else if (pauses < 1 && chance(0.15)) {
      pauses += 1;
      const w = sign + int(300, 600);
      add(p, 'withdrawn', w, { kind: 'pause', notes: 'Pause wegen Personalwechsels (fiktiv).' });
      add(p, 'resumed', w + int(120, 300), { notes: 'Arbeit wieder aufgenommen (fiktiv).' });
    }
  }

  // Nothing after the horizon: a later end simply means the process is still running. The
  // milestones that have a module record (a council constituted, coaching, a security analysis)
  // are left to those modules' demos, which record them with their records (decision 026): an
  // event without its record would be a contradiction `praevis check` reports.
  const rows = drafts
    .filter((d) => d.day <= horizon && !RECORDED_BY_MODULES.has(d.type))
    .sort((a, b) => a.day - b.day || (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0))
    .map(({ day, ...d }, i) => ({ ...d, date: fromDays(day), line: i + 1 }));
  return { rows, joint: groups.filter((g) => g.length > 1 && g[0]!.sign! <= horizon).length };
}

/** Adds the demo history; refuses on an empty directory, and a second time unless forced. */
export async function runDemo(db: DbOrTrx, actor: Actor, opts: { force: boolean; seed?: number }): Promise<DemoSummary> {
  if ((await repo.countMunicipalities(db)) === 0) {
    throw new AppError('rule-violation', {
      de: 'Das Gemeindeverzeichnis ist leer. Importieren Sie zuerst die Kommunen, z. B. mit „praevis import gv100ad <DATEI>“.',
      en: 'The municipality directory is empty. Import the municipalities first, e.g. with "praevis import gv100ad <FILE>".',
    });
  }
  const previous = await repo.listActiveEventsOfSource(db, 'demo');
  if (previous.length && !opts.force) {
    throw new AppError('rule-violation', {
      de: `Die Demo-Historie ist bereits angelegt (${previous.length} Ereignisse). Mit --force wird sie storniert und neu erzeugt.`,
      en: `The demo history exists already (${previous.length} events). With --force it is cancelled and generated anew.`,
    });
  }
  const now = nowIso();
  if (previous.length) {
    const reason = `${DEMO_PREFIX} Durch einen neuen Demo-Lauf ersetzt.`;
    await repo.cancelEventsByIds(
      db,
      previous.map((e) => e.id),
      reason,
      now,
      actor.userId,
    );
    const agreementIds = [...new Set(previous.map((e) => e.agreement_id).filter((x): x is number => x !== null))];
    await repo.cancelAgreementsByIds(db, agreementIds, reason, now);
    await recordAudit(db, actor, {
      action: 'cancel',
      entityType: 'alliance_history',
      entityId: 'demo',
      after: { events: previous.length, agreements: agreementIds.length, reason },
    });
  }
  // The timeline ends at the run date (decision 026): the last months are as lived as the first.
  const horizon = todayBerlin();
  const taken = await repo.listAgsWithEventsNotOfSource(db, 'demo');
  const places = (await repo.listPlaces(db))
    .filter((p) => p.active === 1 && !taken.has(p.ags))
    .map((p) => ({ ags: p.ags, name: p.name, districtAgs: p.district_ags }));
  const run = 1 + (await repo.countAgreementsWithReferenceLike(db, 'DEMO-%-KV-001'));
  const seed = opts.seed ?? DEMO_SEED;
  const { rows, joint } = generateDemoRows(places, { seed, horizon, run });
  const sha256 = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  const result = await importHistoryRows(db, actor, rows, {
    dryRun: false,
    source: 'demo',
    sha256,
    fileName: `demo-seed-${seed}`,
    lines: rows.length,
  });
  const figures = await getFigures(db, horizon);
  return {
    run,
    horizon,
    events: result.events,
    agreements: result.agreements,
    jointAgreements: joint,
    municipalities: result.municipalities,
    figures: figures.statewide,
  };
}
