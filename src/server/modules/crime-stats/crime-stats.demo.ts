/*
 * `praevis demo` adds plausible, clearly fictional municipality-level crime figures for the demo
 * municipalities (those with demo alliance events): five years, a few summary keys, HZ around
 * typical Saxon levels, seeded so the same seed gives the same figures. They are stored as an
 * import with demo = 1 and source label "[Demo] fiktive Zahlen"; every response marks them
 * `fictional` and its attribution says so. A real import of a year replaces them.
 */
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './crime-stats.repository.ts';
import { nowIso } from '../../../shared/time.ts';

export const DEMO_CRIME_LABEL = '[Demo] fiktive Zahlen';
const YEARS = [2019, 2020, 2021, 2022, 2023];
/** Key, share of all offences, clearance rate around. */
const KEYS: [string, number, number][] = [
  ['------', 1, 0.6],
  ['892000', 0.03, 0.8],
  ['899000', 0.2, 0.25],
  ['674000', 0.09, 0.25],
  ['730000', 0.03, 0.95],
];

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces earlier demo figures with new fictional ones for the demo municipalities; returns the counts. */
export async function addDemoCrimeFigures(
  db: DbOrTrx,
  actor: Actor,
  opts: { seed?: number } = {},
): Promise<{ municipalities: number; rows: number }> {
  const demoAgs = new Set(
    (
      await db.selectFrom('alliance_events').where('source', '=', 'demo').where('status', '=', 'active').select('ags').distinct().execute()
    ).map((r) => r.ags),
  );
  const places = (await repo.listActiveMunicipalities(db))
    .filter((m) => demoAgs.has(m.ags) && m.population)
    .sort((a, b) => a.ags.localeCompare(b.ags));
  await repo.deleteDemoMunicipalityFigures(db);
  const rnd = seeded(opts.seed ?? 20190206);
  const now = nowIso();
  const byYear = new Map<
    number,
    { year: number; offence_key: string; ags: string; cases: number; cleared: number; suspects: number; population: null }[]
  >();
  for (const m of places) {
    const base = 3500 + rnd() * 4000 + (m.population! > 50_000 ? 2500 : 0);
    let level = base;
    for (const year of YEARS) {
      level *= 0.93 + rnd() * 0.12;
      for (const [key, share, clearance] of KEYS) {
        const cases = Math.max(0, Math.round(((level * share * m.population!) / 100_000) * (0.85 + rnd() * 0.3)));
        const cleared = Math.min(cases, Math.round(cases * clearance * (0.9 + rnd() * 0.2)));
        const list = byYear.get(year) ?? [];
        list.push({ year, offence_key: key, ags: m.ags, cases, cleared, suspects: Math.round(cleared * 0.8), population: null });
        byYear.set(year, list);
      }
    }
  }
  let rows = 0;
  for (const [year, list] of byYear) {
    // Real figures of a year win: the demo fills only keys no real import holds.
    const taken = new Set((await repo.listMunicipalityKeys(db, [year])).map((k) => `${k.offence_key}|${k.ags}`));
    const free = list.filter((r) => !taken.has(`${r.offence_key}|${r.ags}`));
    if (!free.length) continue;
    const importId = await repo.insertImport(db, {
      level: 'municipality',
      year,
      source: 'praevis demo',
      source_label: DEMO_CRIME_LABEL,
      sha256: '-',
      rows: free.length,
      demo: 1,
      imported_at: now,
      imported_by: actor.label,
    });
    await repo.insertMunicipalityFigures(
      db,
      free.map((r) => ({ ...r, import_id: importId })),
    );
    rows += free.length;
  }
  await recordAudit(db, actor, {
    action: 'crime-stats.demo',
    entityType: 'crime-stats',
    entityId: 'demo',
    after: { municipalities: places.length, rows, label: DEMO_CRIME_LABEL },
  });
  return { municipalities: places.length, rows };
}
