import fs from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { roleSchema } from '../shared/roles.ts';
import { createUserSchema, passwordSchema } from '../shared/users.schema.ts';
import { buildApp } from './app.ts';
import { SYSTEM_ACTOR } from './auth/principal.ts';
import { loadConfig } from './config.ts';
import { backupSqlite, POSTGRES_BACKUP_GUIDANCE } from './db/backup.ts';
import { dialectOf, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { assertSqliteHealthy, holdServerLock, POSTGRES_RESTORE_GUIDANCE, restoreSqlite, sqliteFileOf } from './db/restore.ts';
import { AppError } from './http/problem.ts';
import { createProgress } from './lib/progress.ts';
import { findDirectorateByName } from './modules/territory/index.ts';
import { registerAllianceCommands } from './modules/alliance/alliance.cli.ts';
import { registerCrimeStatsCommands } from './modules/crime-stats/crime-stats.cli.ts';
import { registerDemoCommand } from './modules/demo/demo.cli.ts';
import { registerTerritoryCommands } from './modules/territory/territory.cli.ts';
import { ensureFirstAdmin } from './modules/users/first-admin.ts';
import { createUser } from './modules/users/users.service.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

function explain(err: unknown): string {
  if (err instanceof AppError) {
    const fields = err.fieldErrors?.map((f) => `  ${f.field}: ${f.message.de}`).join('\n');
    return [err.detail?.de ?? err.message, fields].filter(Boolean).join('\n');
  }
  if (err instanceof z.ZodError) return err.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  return err instanceof Error ? err.message : String(err);
}

/** Opens the configured database and migrates it; every command starts here. */
async function openMigrated() {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  return { config, database };
}

export function buildCli(): Command {
  const program = new Command('praevis')
    .description('Praevis – Plattform der Allianz für kommunale Kriminalprävention')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the web application and API')
    .action(async () => {
      // SQLite: refuse a damaged file, and hold the server lock that `praevis restore` respects.
      const databaseUrl = loadConfig().databaseUrl;
      const sqliteFile = dialectOf(databaseUrl) === 'sqlite' ? sqliteFileOf(databaseUrl) : null;
      if (sqliteFile) assertSqliteHealthy(sqliteFile);
      const lock = sqliteFile ? holdServerLock(sqliteFile) : null;
      const { config, database } = await openMigrated();
      const app = await buildApp({ config, database, jobWorker: true });
      const first = await ensureFirstAdmin(database.db);
      await app.listen({ port: config.port, host: config.host });
      const url = config.publicUrl ?? `http://localhost:${config.port}`;
      if (first) {
        process.stdout.write(
          `\n  Erste Anmeldung / first sign-in at ${url}\n    E-Mail:       ${first.email}\n    Einmalpasswort / one-time password: ${first.oneTimePassword}\n  Das Passwort wird nur jetzt angezeigt und muss bei der ersten Anmeldung geändert werden.\n\n`,
        );
      }
      const stop = async () => {
        await app.close();
        await database.destroy();
        lock?.release();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('db')
    .description('database tasks')
    .command('migrate')
    .description('apply all pending migrations')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase(config.databaseUrl);
      const result = await migrateToLatest(database.db);
      for (const r of result.results ?? []) process.stdout.write(`${r.status}: ${r.migrationName}\n`);
      if (!result.results?.length) process.stdout.write('Die Datenbank ist aktuell. / The database is up to date.\n');
      await database.destroy();
    });

  program
    .command('user')
    .description('accounts')
    .command('create')
    .description('create an account; prints a one-time password, or reads the password from stdin with --password-stdin')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', `one of ${roleSchema.options.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--commune <ags...>', 'AGS of the commune(s) of a coordinator')
    .option('--directorate <name>', 'police directorate of a police account')
    .option('--password-stdin', 'read the initial password from standard input; it must be changed at first sign-in')
    .option(
      '--no-change-required',
      'with --password-stdin: no change at first sign-in (service accounts whose password a secret store keeps)',
    )
    .action(
      async (opts: {
        email: string;
        role: string;
        name?: string;
        commune?: string[];
        directorate?: string;
        passwordStdin?: boolean;
        changeRequired: boolean;
      }) => {
        if (!opts.changeRequired && !opts.passwordStdin) {
          throw new Error('--no-change-required gilt nur mit --password-stdin. / --no-change-required needs --password-stdin.');
        }
        const { database } = await openMigrated();
        try {
          let directorateId: number | null = null;
          if (opts.directorate) {
            const d = await findDirectorateByName(database.db, opts.directorate);
            if (!d) throw new Error(`Unbekannte Polizeidirektion „${opts.directorate}“. Importieren Sie zuerst die Polizeidirektionen.`);
            directorateId = d.id;
          }
          const input = createUserSchema.parse({
            email: opts.email,
            displayName: opts.name ?? opts.email,
            role: opts.role,
            communes: opts.commune ?? [],
            directorateId,
          });
          const password = opts.passwordStdin ? passwordSchema.parse(await readStdin()) : undefined;
          const result = await database.db
            .transaction()
            .execute((trx) => createUser(trx, SYSTEM_ACTOR, { ...input, password, changeRequired: opts.changeRequired }));
          process.stdout.write(`Konto angelegt / account created: ${result.user.email} (${result.user.role})\n`);
          if (!password) process.stdout.write(`Einmalpasswort / one-time password: ${result.oneTimePassword}\n`);
          else if (result.user.mustChangePassword)
            process.stdout.write(
              'Das Passwort muss bei der ersten Anmeldung geändert werden. / The password must be changed at first sign-in.\n',
            );
        } finally {
          await database.destroy();
        }
      },
    );

  registerTerritoryCommands(program, openMigrated);
  registerAllianceCommands(program, openMigrated);
  registerCrimeStatsCommands(program, openMigrated);
  registerDemoCommand(program, openMigrated);

  program
    .command('backup')
    .argument('<file>', 'target file')
    .description('consistent online backup (SQLite); guidance for PostgreSQL')
    .action(async (file: string) => {
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
    });

  program
    .command('restore')
    .argument('<file>', 'backup file written by praevis backup')
    .description('replace the SQLite database with a checked backup while no server runs; guidance for PostgreSQL')
    .action(async (file: string) => {
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
    });

  program
    .command('openapi')
    .argument('[file]', 'write to this file instead of stdout')
    .description('print the OpenAPI document')
    .action(async (file?: string) => {
      const config = loadConfig({ ...process.env, DATABASE_URL: ':memory:' });
      const database = openDatabase(':memory:');
      const app = await buildApp({ config, database, logger: false });
      await app.ready();
      const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
      if (file) fs.writeFileSync(file, doc);
      else process.stdout.write(doc);
      await app.close();
      await database.destroy();
    });

  return program;
}

/** Runs the CLI; errors print a clear message and exit with status 1. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`Fehler / error: ${explain(err)}\n`);
    process.exit(1);
  }
}
