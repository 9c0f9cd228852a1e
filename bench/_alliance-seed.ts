/*
 * A Saxony-sized alliance for the read benchmarks (bench/figures.ts, bench/api.ts): 418
 * municipalities in 13 districts and 5 police directorates, 300 agreements and 20,000 events dated
 * 2019–2026, drawn from a fixed seed so every run measures the same data.
 */
import type { Db } from '../src/server/db/database.ts';
import { seededRandom } from '../src/server/modules/alliance/demo.ts';
import { buildDirectorate, buildDistrict } from '../src/server/test/factories.ts';
import { addDays, daysBetween, nowIso } from '../src/shared/time.ts';

export const MUNICIPALITIES = 418;
export const EVENTS = 20_000;
/** The reference date of the benchmarks' figures. */
export const AT = '2024-06-30';

const TYPES = [
  'consultation',
  'consultation',
  'consultation',
  'pre_agreement_signed',
  'council_resolution',
  'agreement_signed',
  'agreement_amended',
  'council_constituted',
  'coaching_started',
  'coaching_ended',
  'analysis_started',
  'analysis_completed',
  'strategy_adopted',
  'withdrawn',
  'resumed',
] as const;

/**
 * A synthetic directory: 13 districts (14700–14712) and `count` municipalities spread over them in
 * turn, each of 5,000 inhabitants. Returns the districts' and the municipalities' keys.
 */
export async function seedDirectory(db: Db, count: number): Promise<{ districts: string[]; municipalities: { ags: string }[] }> {
  const districts: string[] = [];
  for (let d = 0; d < 13; d++) districts.push((await buildDistrict(db, { ags: `14${700 + d}`, name: `Kreis ${d + 1}` })).ags);
  const municipalities = Array.from({ length: count }, (_, i) => {
    const d = districts[i % 13]!;
    const ags = `${d}${String(100 + Math.floor(i / 13)).padStart(3, '0')}`;
    return {
      ags,
      ars: `${d}0000${ags.slice(5)}`,
      name: `Gemeinde ${i + 1}`,
      type_code: '64',
      district_ags: d,
      association_ars: null,
      area_ha: 5000,
      population: 5000,
      population_male: 2500,
      postcode: null,
      active: 1,
      status_date: '2021-11-30',
      updated_at: '2021-11-30T00:00:00.000Z',
    };
  });
  for (let i = 0; i < municipalities.length; i += 200)
    await db
      .insertInto('municipalities')
      .values(municipalities.slice(i, i + 200))
      .execute();
  return { districts, municipalities };
}

/** Seeds the directory and the events; returns the directorates' ids (the first has 3 districts). */
export async function seedAlliance(db: Db): Promise<{ directorates: number[]; districts: string[] }> {
  const rnd = seededRandom(418);
  const { districts, municipalities } = await seedDirectory(db, MUNICIPALITIES);
  const directorates: number[] = [];
  for (let k = 0; k < 5; k++)
    directorates.push(
      (
        await buildDirectorate(
          db,
          `PD ${k + 1}`,
          districts.filter((_, i) => i % 5 === k),
        )
      ).id,
    );
  const now = nowIso();
  const agreementIds: number[] = [];
  for (let a = 0; a < 300; a++) {
    const { id } = await db
      .insertInto('alliance_agreements')
      .values({ title: `KV ${a}`, council_party: 'LPR', notes: '', status: 'active', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    agreementIds.push(id);
  }
  const span = daysBetween('2019-02-06', '2026-06-30');
  const rows = Array.from({ length: EVENTS }, () => {
    const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
    const m = municipalities[Math.floor(rnd() * MUNICIPALITIES)]!;
    return {
      ags: m.ags,
      type,
      date: addDays('2019-02-06', Math.floor(rnd() * span)),
      agreement_id: type.startsWith('agreement_') ? agreementIds[Math.floor(rnd() * agreementIds.length)]! : null,
      withdrawal_kind: type === 'withdrawn' ? (rnd() < 0.5 ? 'pause' : 'withdrawal') : null,
      notes: '',
      status: rnd() < 0.03 ? 'cancelled' : 'active',
      source: 'import',
      created_by_label: 'bench',
      created_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('alliance_events')
      .values(rows.slice(i, i + 400))
      .execute();
  return { directorates, districts };
}
