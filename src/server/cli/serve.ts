import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { dialectOf } from '../db/database.ts';
import { assertSqliteHealthy, holdServerLock, sqliteFileOf } from '../db/restore.ts';
import { startDailyMails } from '../modules/reminders/index.ts';
import { ensureFirstAdmin } from '../modules/users/first-admin.ts';
import { openMigrated } from './open.ts';

/** `praevis serve`: migrates, starts the web application, API and job worker, and prints the first sign-in. */
export async function serve(): Promise<void> {
  // SQLite: refuse a damaged file, and hold the server lock that `praevis restore` respects.
  const databaseUrl = loadConfig().databaseUrl;
  const sqliteFile = dialectOf(databaseUrl) === 'sqlite' ? sqliteFileOf(databaseUrl) : null;
  if (sqliteFile) assertSqliteHealthy(sqliteFile);
  const lock = sqliteFile ? holdServerLock(sqliteFile) : null;
  const { config, database } = await openMigrated();
  const migrated = performance.now();
  const app = await buildApp({ config, database, jobWorker: true });
  const built = performance.now();
  const first = await ensureFirstAdmin(database.db);
  await app.listen({ port: config.port, host: config.host });
  // Milliseconds since the process started, per phase (bench/startup.ts reads this line at LOG_LEVEL=debug).
  app.log.debug({ migratedMs: migrated, builtMs: built, listeningMs: performance.now() }, 'start-up phases');
  // The daily mails (task digests, late analysis phases), once a Berlin day from 07:00.
  const daily = startDailyMails(database.db, app.log);
  void daily.firstCheck.then(({ ran, ms }) => app.log.debug({ ran, ms }, 'daily mails: first check done'));
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  if (first) {
    process.stdout.write(
      `\n  Erste Anmeldung / first sign-in at ${url}\n    E-Mail:       ${first.email}\n    Einmalpasswort / one-time password: ${first.oneTimePassword}\n  Das Passwort wird nur jetzt angezeigt und muss bei der ersten Anmeldung geändert werden.\n\n`,
    );
  }
  const stop = async () => {
    await daily.stop();
    await app.close();
    await database.destroy();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
