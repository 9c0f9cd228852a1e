import { type AppConfig, loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Opens the configured database and migrates it; every command that uses the database starts here. */
export async function openMigrated(): Promise<{ config: AppConfig; database: DatabaseHandle }> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  return { config, database };
}
