import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../test/databases.ts';
import { loadMigrations } from './migrate.ts';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('run from an empty database, all the way down and up again', async () => {
    const handle = await createTestDatabase(dialect);
    try {
      const migrations = await loadMigrations();
      const names = Object.keys(migrations);
      expect(names.length).toBeGreaterThan(1);
      expect([...names].sort()).toEqual(names);
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => r.migrationName)).toEqual(names);
      await sql`select count(*) from users`.execute(handle.db);
    } finally {
      await handle.destroy();
    }
  });
});
