import type { Command } from 'commander';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const stdout: Out = (line) => process.stdout.write(`${line}\n`);

/** Registers `praevis check`: lists every contradiction, exits 1 when there is one. */
export function registerCheckCommand(program: Command, open: Open, out: Out = stdout): void {
  program
    .command('check')
    .description('list every contradiction across the modules (events and records, dates, payments, reviews, figures); exit 1 if any')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      // Loaded when the command runs, so that `praevis --help` stays light (decision 019).
      const [{ checkConsistency }, { CONTRADICTION_KIND_LABELS }] = await Promise.all([
        import('./consistency.service.ts'),
        import('../../../shared/consistency.schema.ts'),
      ]);
      const { database } = await open();
      try {
        const report = await checkConsistency(database.db);
        if (opts.json) out(JSON.stringify(report, null, 2));
        else {
          for (const i of report.items) out(`${CONTRADICTION_KIND_LABELS[i.kind].de}: ${i.de} → ${i.link}`);
          out(`${report.total} Widersprüche / contradictions (Stand / as of ${report.today}).`);
        }
        if (report.total > 0) process.exitCode = 1;
      } finally {
        await database.destroy();
      }
    });
}
