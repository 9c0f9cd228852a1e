import type { Command } from 'commander';
import type { PksImportReport } from '../../../shared/crime-stats.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const cliActor: Actor = { userId: null, label: 'cli:import-pks', requestId: null };

/** Prints a T01 import report. */
export function printPksReport(r: PksImportReport, out: Out): void {
  out(`PKS T01 ${r.source}: Jahr / year ${r.year} (${r.yearFrom}), ${r.encoding}, SHA-256 ${r.sha256.slice(0, 12)}…`);
  out(
    `  ${r.rows} Zeilen / rows: ${r.districts} Kreise / districts × ${r.offenceKeys} Schlüssel / keys; im Verzeichnis / in the directory: ${r.districtsInDirectory}`,
  );
  if (r.newOffenceKeys.length) out(`  neue Schlüssel / new keys: ${r.newOffenceKeys.join(', ')}`);
  if (r.columns.missingOptional.length)
    out(`  fehlende optionale Spalten / missing optional columns: ${r.columns.missingOptional.join(', ')}`);
  if (r.replaced)
    out(
      `  ersetzt / replaces ${r.replaced.rows} Zeilen / rows of ${r.year} (${r.replaced.source ?? '?'}, ${r.replaced.importedAt ?? '?'})`,
    );
  out(`  Warnungen / warnings: ${r.warningCount}`);
  for (const w of r.warnings.slice(0, 20)) out(`    ${w.field}: ${w.message}`);
  out(r.dryRun ? 'Probelauf: nichts gespeichert. / Dry run: nothing saved.' : 'Gespeichert. / Saved.');
  for (const a of r.attribution) out(a);
}

/** Registers `praevis import pks <FILE|URL> --year YYYY [--dry-run]`. */
export function registerCrimeStatsCommands(program: Command, open: Open, out: Out = (line) => process.stdout.write(`${line}\n`)): void {
  const group =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import reference data from a file or an http(s) URL');
  group
    .command('pks')
    .argument('<source>', 'BKA PKS table T01 per district (KR-F-01-T01, CSV) or http(s) URL')
    .description('import police crime statistics per district for a year; re-importing the year replaces it')
    .requiredOption('--year <year>', 'reporting year of the file', (v) => {
      const y = Number(v);
      if (!/^\d{4}$/.test(v) || y < 1990 || y > 2100) throw new Error(`--year: „${v}“ ist kein Jahr.`);
      return y;
    })
    .option('--dry-run', 'check the file and report, without saving')
    .action(async (ref: string, opts: { year: number; dryRun?: boolean }) => {
      // Loaded when the command runs, so that `praevis --help` stays light (decision 019).
      const [{ readSourceRef }, { importPks }] = await Promise.all([
        import('../../lib/import-source.ts'),
        import('./crime-stats.service.ts'),
      ]);
      const { config, database } = await open();
      try {
        const source = await readSourceRef(ref, { maxBytes: Math.max(config.uploadLimit, 50_000_000), allow: config.importUrlAllow });
        const report = await database.db.transaction().execute((trx) =>
          importPks(trx, cliActor, source, {
            year: opts.year,
            dryRun: Boolean(opts.dryRun),
            maxBytes: Math.max(config.uploadLimit, 50_000_000),
          }),
        );
        printPksReport(report, out);
      } finally {
        await database.destroy();
      }
    });
}
