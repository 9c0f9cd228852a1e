import fs from 'node:fs';
import { loadConfig } from '../config.ts';
import { backupSqlite, POSTGRES_BACKUP_GUIDANCE } from '../db/backup.ts';
import { dialectOf, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { POSTGRES_RESTORE_GUIDANCE, restoreSqlite, sqliteFileOf } from '../db/restore.ts';
import { createProgress } from '../lib/progress.ts';
import { openMigrated } from './open.ts';

/** `praevis db migrate`: applies the pending migrations and names them. */
export async function migrate(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    const result = await migrateToLatest(database.db);
    for (const r of result.results ?? []) process.stdout.write(`${r.status}: ${r.migrationName}\n`);
    if (!result.results?.length) process.stdout.write('Die Datenbank ist aktuell. / The database is up to date.\n');
  } finally {
    await database.destroy();
  }
}

/** `praevis backup FILE`: a consistent online copy of SQLite; the procedure for PostgreSQL. */
export async function backup(file: string): Promise<void> {
  const { database } = await openMigrated();
  try {
    if (database.dialect === 'postgres') {
      process.stdout.write(`${POSTGRES_BACKUP_GUIDANCE}\n`);
      return;
    }
    await backupSqlite(database, file, createProgress());
    process.stdout.write(`Sicherung geschrieben / backup written: ${file} (${fs.statSync(file).size} bytes)\n`);
  } finally {
    await database.destroy();
  }
}

/** `praevis restore FILE`: replaces the SQLite database with a checked backup; the procedure for PostgreSQL. */
export async function restore(file: string): Promise<void> {
  const url = loadConfig().databaseUrl;
  if (dialectOf(url) === 'postgres') {
    process.stdout.write(`${POSTGRES_RESTORE_GUIDANCE}\n`);
    return;
  }
  const target = sqliteFileOf(url);
  if (!target) throw new Error('DATABASE_URL names an in-memory database; there is nothing to restore.');
  const { migration, previous } = await restoreSqlite(target, file);
  process.stdout.write(
    `Wiederhergestellt / restored: ${target} aus / from ${file} (Schema ${migration ?? '-'})\n` +
      (previous ? `Die bisherige Datenbank liegt unter / the previous database was moved to ${previous}\n` : ''),
  );
}
