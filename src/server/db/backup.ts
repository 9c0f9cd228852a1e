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

/** Writes a consistent copy of a running SQLite database with SQLite's online backup API. */
export async function backupSqlite(handle: DatabaseHandle, file: string, progress: Progress): Promise<void> {
  if (!handle.sqlite) throw new Error(POSTGRES_BACKUP_GUIDANCE);
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${target} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let started = false;
  await handle.sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      if (!started) {
        progress.start(totalPages, 'Sicherung');
        started = true;
      }
      progress.update(totalPages - remainingPages);
      return 200;
    },
  });
  progress.stop();
}
