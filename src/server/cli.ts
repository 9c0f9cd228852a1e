/*
 * The `praevis` command. This file only declares the commands, their options and help: each action
 * loads its code when it runs (cli/*.ts, the modules' *.cli.ts actions), so `praevis --help` loads
 * neither Fastify nor Kysely nor Zod, and `praevis user create` not the web server (decision 019).
 */
import { Command } from 'commander';
import { ROLES } from '../shared/role-list.ts';
import type { UserCreateOptions } from './cli/user-create.ts';
import { registerAllianceCommands } from './modules/alliance/alliance.cli.ts';
import { registerCrimeStatsCommands } from './modules/crime-stats/crime-stats.cli.ts';
import { registerDemoCommand } from './modules/demo/demo.cli.ts';
import { registerCheckCommand } from './modules/consistency/consistency.cli.ts';
import { registerReminderCommands } from './modules/reminders/reminders.cli.ts';
import { registerTerritoryCommands } from './modules/territory/territory.cli.ts';

/** Opens the configured database and migrates it; loaded only by a command that uses the database. */
const openMigrated = async () => (await import('./cli/open.ts')).openMigrated();

export function buildCli(): Command {
  const program = new Command('praevis')
    .description('Praevis – Plattform der Allianz für kommunale Kriminalprävention')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the web application and API')
    .action(async () => (await import('./cli/serve.ts')).serve());

  program
    .command('db')
    .description('database tasks')
    .command('migrate')
    .description('apply all pending migrations')
    .action(async () => (await import('./cli/database-tasks.ts')).migrate());

  program
    .command('user')
    .description('accounts')
    .command('create')
    .description('create an account; prints a one-time password, or reads the password from stdin with --password-stdin')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--commune <ags...>', 'AGS of the commune(s) of a coordinator')
    .option('--directorate <name>', 'police directorate of a police account')
    .option('--password-stdin', 'read the initial password from standard input; it must be changed at first sign-in')
    .option(
      '--no-change-required',
      'with --password-stdin: no change at first sign-in (service accounts whose password a secret store keeps)',
    )
    .action(async (opts: UserCreateOptions) => (await import('./cli/user-create.ts')).userCreate(opts));

  registerTerritoryCommands(program, openMigrated);
  registerAllianceCommands(program, openMigrated);
  registerCrimeStatsCommands(program, openMigrated);
  registerDemoCommand(program, openMigrated);
  registerCheckCommand(program, openMigrated);
  registerReminderCommands(program, openMigrated);

  program
    .command('backup')
    .argument('<file>', 'target file')
    .description('consistent online backup (SQLite); guidance for PostgreSQL')
    .action(async (file: string) => (await import('./cli/database-tasks.ts')).backup(file));

  program
    .command('restore')
    .argument('<file>', 'backup file written by praevis backup')
    .description('replace the SQLite database with a checked backup while no server runs; guidance for PostgreSQL')
    .action(async (file: string) => (await import('./cli/database-tasks.ts')).restore(file));

  program
    .command('openapi')
    .argument('[file]', 'write to this file instead of stdout')
    .description('print the OpenAPI document')
    .action(async (file?: string) => (await import('./cli/openapi.ts')).writeOpenApi(file));

  return program;
}

/** Runs the CLI; errors print a clear message and exit with status 1. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    let message: string;
    try {
      message = (await import('./cli/explain.ts')).explain(err);
    } catch {
      message = err instanceof Error ? err.message : String(err);
    }
    process.stderr.write(`Fehler / error: ${message}\n`);
    process.exit(1);
  }
}
