import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from './database.ts';
import type { Progress } from '../lib/progress.ts';

export const POSTGRES_BACKUP_GUIDANCE = [
  'PostgreSQL: Praevis does not copy a server database itself. Use the server tools, for example:',
  '  pg_dump --format=custom --file=praevis.dump "$DATABASE_URL"',
  'and restore with:',
  '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" praevis.dump',
  'For point-in-time recovery configure WAL archiving on the server (see the PostgreSQL manual, "Continuous Archiving").',
].join('\n');

/**
 * Writes a consistent copy of a running SQLite database with SQLite's online backup API. The copy
 * is written under a temporary name in the target's folder, fsynced, and only then linked to the
 * target name: a killed backup leaves no file under the target name, so a retry is not blocked.
 */
export async function backupSqlite(handle: DatabaseHandle, file: string, progress: Progress): Promise<void> {
  if (!handle.sqlite) throw new Error(POSTGRES_BACKUP_GUIDANCE);
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${target} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.rmSync(temp, { force: true });
    let started = false;
    await handle.sqlite.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        if (!started) {
          progress.start(totalPages, 'Sicherung');
          started = true;
        }
        progress.update(totalPages - remainingPages);
        return 200;
      },
    });
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // link() fails when the target appeared meanwhile: an existing backup is never overwritten.
    fs.linkSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
    progress.stop();
  }
}
