import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../db/migrate.ts';
import { createTestDatabase, DIALECTS } from '../../test/databases.ts';
import { buildDistrict, buildMunicipality } from '../../test/factories.ts';

const MIGRATION = '2026_12_08_1700_move_named_areas_to_municipalities';
const NOW = '2026-12-08T12:00:00.000Z';

/*
 * Migration 2026_12_08_1700 (decision 037): a municipality keeps the named areas of its latest
 * analysis that had any; `down` gives every analysis of the municipality these areas back.
 */
describe.each(DIALECTS)('moving the named areas to the municipality on %s', (dialect) => {
  it('keeps the latest analysis’ areas per municipality, and gives them back to every analysis on the way down', async () => {
    const handle = await createTestDatabase(dialect);
    try {
      const db = handle.db;
      const migrations = await loadMigrations();
      const names = Object.keys(migrations);
      const before = names[names.indexOf(MIGRATION) - 1]!;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();

      const district = await buildDistrict(db);
      const a = await buildMunicipality(db, { district_ags: district.ags });
      const b = await buildMunicipality(db, { district_ags: district.ags });
      const analysis = async (ags: string) =>
        (
          await sql<{ id: number }>`insert into security_analyses (ags, contractor, created_at, updated_at)
            values (${ags}, 'Institut', ${NOW}, ${NOW}) returning id`.execute(db)
        ).rows[0]!.id;
      const area = (id: number, position: number, name: string, population: number | null) =>
        sql`insert into security_analysis_areas (analysis_id, position, name, population, description)
          values (${id}, ${position}, ${name}, ${population}, '')`.execute(db);
      const a1 = await analysis(a.ags);
      await area(a1, 1, 'Altstadt', 100);
      const a2 = await analysis(a.ags);
      await area(a2, 1, 'Nord', 300);
      await area(a2, 2, 'Süd', null);
      await analysis(a.ags); // a third analysis without areas does not blank them
      const b1 = await analysis(b.ags);
      await area(b1, 1, 'Dorf', 50);

      expect((await migrator.migrateTo(MIGRATION)).error).toBeUndefined();
      const moved = await sql<{ ags: string; position: number; name: string; population: number | null }>`
        select ags, position, name, population from municipality_areas order by ags, position`.execute(db);
      expect(moved.rows.map((r) => [r.ags, Number(r.position), r.name, r.population === null ? null : Number(r.population)])).toEqual(
        [
          [a.ags, 1, 'Nord', 300],
          [a.ags, 2, 'Süd', null],
          [b.ags, 1, 'Dorf', 50],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      // The population of an area is never negative; a position is taken once per municipality.
      await expect(
        sql`insert into municipality_areas (ags, position, name, population) values (${b.ags}, 2, 'X', -1)`.execute(db),
      ).rejects.toThrow();
      await expect(sql`insert into municipality_areas (ags, position, name) values (${b.ags}, 1, 'Y')`.execute(db)).rejects.toThrow();

      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const back = await sql<{ analysis_id: number; name: string }>`
        select analysis_id, name from security_analysis_areas order by analysis_id, position`.execute(db);
      const byAnalysis = new Map<number, string[]>();
      for (const r of back.rows) byAnalysis.set(Number(r.analysis_id), [...(byAnalysis.get(Number(r.analysis_id)) ?? []), r.name]);
      expect([...byAnalysis.values()]).toEqual([['Nord', 'Süd'], ['Nord', 'Süd'], ['Nord', 'Süd'], ['Dorf']]);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await handle.destroy();
    }
  });
});
