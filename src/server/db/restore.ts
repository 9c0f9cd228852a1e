import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { now } from '../../shared/time.ts';
import { loadMigrations } from './migrate.ts';

/*
 * Restoring a SQLite database and guarding it (decision 018):
 * - a server holds a shared lock on `<database>.lock` for as long as it runs; the operating system
 *   drops the lock when the process ends, even when it is killed, so no stale lock survives;
 * - `praevis restore` takes that lock exclusively (it fails while any server holds it), checks the
 *   backup, moves the current database and its `-wal` aside and puts the checked copy in place;
 * - `praevis serve` refuses a database that fails `PRAGMA quick_check`.
 */

export const POSTGRES_RESTORE_GUIDANCE = [
  'PostgreSQL: Praevis does not restore a server database itself. Stop every Praevis server, then restore a pg_dump backup:',
  '  pg_restore --clean --if-exists --single-transaction --dbname="$DATABASE_URL" praevis.dump',
  'and start Praevis again; it applies any newer migrations on start.',
].join('\n');

/** The SQLite file named by a DATABASE_URL (`file:` optional); null for an in-memory database. */
export function sqliteFileOf(url: string): string | null {
  const file = url.replace(/^file:/, '');
  return file === ':memory:' ? null : path.resolve(file);
}

function lockFileOf(dbFile: string): string {
  return `${dbFile}.lock`;
}

function restoreHint(dbFile: string): string {
  return (
    `Stellen Sie die letzte Sicherung wieder her / restore the latest backup: ` +
    `praevis restore <SICHERUNG/BACKUP> (DATABASE_URL=${dbFile}); see README, "Backup and restore".`
  );
}

export interface ServerLock {
  release(): void;
}

/**
 * Marks the database as held by a running server: a read transaction on `<database>.lock` keeps
 * a shared OS lock until the server stops or dies. Several servers may hold it at once; a restore
 * cannot take it while any does. Fails when a restore is replacing the database right now.
 */
export function holdServerLock(dbFile: string): ServerLock {
  const lock = new SQLite(lockFileOf(dbFile));
  lock.pragma('busy_timeout = 5000');
  try {
    lock.exec('BEGIN');
    lock.prepare('select count(*) from sqlite_master').get();
  } catch (err) {
    lock.close();
    throw new Error(
      `Die Datenbank ${dbFile} wird gerade wiederhergestellt / the database is being restored right now (${(err as Error).message}).`,
    );
  }
  return {
    release: () => {
      if (!lock.open) return;
      lock.exec('COMMIT');
      lock.close();
    },
  };
}

/** Takes the lock exclusively, or fails naming the reason: a server holds the database. */
function takeExclusiveLock(dbFile: string): ServerLock {
  const lock = new SQLite(lockFileOf(dbFile));
  lock.pragma('busy_timeout = 0');
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY')
      throw new Error(
        `Ein laufender Praevis-Server hält die Datenbank ${dbFile}; beenden Sie ihn zuerst. / A running Praevis server holds the database; stop it first.`,
      );
    throw err;
  }
  return {
    release: () => {
      lock.exec('COMMIT');
      lock.close();
    },
  };
}

/** Refuses to serve a damaged SQLite database: `PRAGMA quick_check` must answer ok. */
export function assertSqliteHealthy(dbFile: string): void {
  if (!fs.existsSync(dbFile)) return; // a new database
  let problems: string[];
  try {
    const db = new SQLite(dbFile, { fileMustExist: true });
    try {
      problems = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
    } finally {
      db.close();
    }
  } catch (err) {
    problems = [(err as Error).message];
  }
  if (problems.length)
    throw new Error(
      `Die Datenbank ${dbFile} ist beschädigt / the database is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). ` +
        `Praevis startet nicht auf einer beschädigten Datenbank. / Praevis does not start on a damaged database.\n${restoreHint(dbFile)}`,
    );
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot open a folder for fsync; the rename is still atomic there.
  }
}

function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Checks a copy of a backup: integrity, and a schema this build knows (no migration newer than its own). */
async function checkBackupCopy(copy: string): Promise<{ migration: string | null }> {
  const known = new Set(Object.keys(await loadMigrations()));
  let db: SQLite.Database;
  try {
    db = new SQLite(copy, { fileMustExist: true });
  } catch (err) {
    throw new Error(`Die Sicherung lässt sich nicht öffnen / the backup does not open: ${(err as Error).message}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .filter((r) => r !== 'ok');
    } catch (err) {
      problems = [(err as Error).message];
    }
    if (problems.length)
      throw new Error(`Die Sicherung ist beschädigt / the backup is damaged (PRAGMA integrity_check: ${problems.slice(0, 3).join('; ')}).`);
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) throw new Error('Die Datei ist keine Praevis-Sicherung / the file is not a Praevis backup (no migrations table).');
    const applied = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const unknown = applied.filter((n) => !known.has(n));
    if (unknown.length)
      throw new Error(
        `Die Sicherung stammt von einer neueren Praevis-Version (Migration ${unknown.at(-1)}); installieren Sie diese Version zuerst. / ` +
          'The backup comes from a newer Praevis version; install that version first.',
      );
    // Leave the copy as a single file: the server sets its own journal mode on start.
    db.pragma('journal_mode = DELETE');
    return { migration: applied.at(-1) ?? null };
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  /** The last applied migration in the backup. */
  migration: string | null;
  /** Where the replaced database was moved (with its `-wal`), or null when there was none. */
  previous: string | null;
}

/**
 * Restores a SQLite backup in place of the database: refuses while a server holds it, checks the
 * backup on a copy in the database's folder (fsynced), moves the current database and its `-wal`
 * aside, drops a stale `-shm`, and renames the copy into place.
 */
export async function restoreSqlite(dbFile: string, backupFile: string, at: Date = now()): Promise<RestoreResult> {
  const source = path.resolve(backupFile);
  if (!fs.existsSync(source)) throw new Error(`${source} gibt es nicht / does not exist.`);
  if (source === dbFile) throw new Error('Die Sicherung ist die Datenbank selbst / the backup is the database itself.');
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const lock = takeExclusiveLock(dbFile);
  const copy = `${dbFile}.restore-${process.pid}.tmp`;
  try {
    removeSidecars(copy);
    fs.copyFileSync(source, copy);
    // A backup taken by copying files may have its -wal beside it; it belongs to the backup.
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${copy}-wal`);
    const { migration } = await checkBackupCopy(copy);
    removeSidecars(copy);
    fsyncFile(copy);

    let previous: string | null = null;
    if (fs.existsSync(dbFile)) {
      previous = `${dbFile}.before-restore-${at.toISOString().replace(/[:.]/g, '-')}`;
      if (fs.existsSync(`${dbFile}-wal`)) fs.renameSync(`${dbFile}-wal`, `${previous}-wal`);
      fs.renameSync(dbFile, previous);
    } else {
      fs.rmSync(`${dbFile}-wal`, { force: true });
    }
    // A -wal or -shm left beside the database would be replayed onto the restored copy.
    removeSidecars(dbFile);
    fs.renameSync(copy, dbFile);
    fsyncDir(path.dirname(dbFile));
    return { migration, previous };
  } finally {
    removeSidecars(copy);
    fs.rmSync(copy, { force: true });
    lock.release();
  }
}
