import type { Command } from 'commander';
import type { Actor } from '../../auth/principal.ts';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const cliActor = (what: string): Actor => ({ userId: null, label: `cli:${what}`, requestId: null });
const stdout: Out = (line) => process.stdout.write(`${line}\n`);

/** Registers `praevis import history <FILE>` (`praevis demo` lives in the demo module). */
export function registerAllianceCommands(program: Command, open: Open, out: Out = stdout): void {
  const group =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import reference data from a file or an http(s) URL');

  group
    .command('history')
    .argument('<file>', 'history CSV or its http(s) URL (see docs/alliance-history-import.md)')
    .description('import an alliance history from CSV, all or nothing; errors name line and column')
    .option('--dry-run', 'check only, store nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      // Loaded when the command runs, so that `praevis --help` stays light (decision 019).
      const [{ readSourceRef }, { importHistory }] = await Promise.all([
        import('../../lib/import-source.ts'),
        import('./history-import.ts'),
      ]);
      const { config, database } = await open();
      try {
        const source = await readSourceRef(file, { maxBytes: config.uploadLimit, allow: config.importUrlAllow });
        const r = await database.db
          .transaction()
          .execute((trx) =>
            importHistory(trx, cliActor('import-history'), { fileName: source.name, content: source.data }, { dryRun: !!opts.dryRun }),
          );
        out(
          `Historie / history ${source.name} (SHA-256 ${r.sha256.slice(0, 12)}…): ${r.lines} Zeilen / lines, ${r.events} Ereignisse / events, ${r.agreements} neue Vereinbarungen / new agreements, ${r.municipalities} Kommunen / municipalities`,
        );
        out(r.dryRun ? 'Probelauf: nichts gespeichert. / Dry run: nothing saved.' : 'Gespeichert. / Saved.');
      } finally {
        await database.destroy();
      }
    });
}
