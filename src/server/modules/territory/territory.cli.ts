import type { Command } from 'commander';
import { ATTRIBUTION } from '../../../shared/attribution.ts';
import type { BoundariesReport, DirectoratesReport, Gv100adReport } from '../../../shared/territory-import.schema.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { BOUNDARY_LEVELS, type BoundaryLevel } from './boundary-levels.ts';

// The commands' code is loaded when one runs, so that `praevis --help` stays light (decision 019).
const load = async () => {
  const [{ readSourceRef }, { createProgress }, { importBoundaries }, { importDirectorates, importGv100ad }] = await Promise.all([
    import('../../lib/import-source.ts'),
    import('../../lib/progress.ts'),
    import('./boundaries.service.ts'),
    import('./territory-import.service.ts'),
  ]);
  return { readSourceRef, createProgress, importBoundaries, importDirectorates, importGv100ad };
};

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const LIST_MAX = 20;

function list<T>(out: Out, title: string, items: T[], total: number, show: (item: T) => string): void {
  if (!total) return;
  out(`  ${title} (${total}):`);
  for (const item of items.slice(0, LIST_MAX)) out(`    ${show(item)}`);
  if (total > LIST_MAX) out(`    … ${total - LIST_MAX} weitere / more`);
}

function footer(out: Out, r: { dryRun: boolean; changed: boolean }): void {
  if (r.dryRun) out('Probelauf: nichts gespeichert. / Dry run: nothing saved.');
  else if (!r.changed) out('Keine Änderungen: die Datenbank entspricht der Datei. / No changes: the database matches the file.');
  else out('Gespeichert. / Saved.');
}

/** Prints a GV100AD change report. */
export function printGv100adReport(r: Gv100adReport, out: Out): void {
  const c = r.counts;
  out(`GV100AD ${r.source}: Gebietsstand ${r.statusDate}, ${r.encoding}, Land ${r.state ?? 'alle / all'}`);
  out(
    `  Datei / file: ${r.records.states} Länder, ${r.records.districts} Kreise, ${r.records.associations} Gemeindeverbände, ${r.records.municipalities} Gemeinden`,
  );
  out(
    `  Gemeinden / municipalities: neu/added ${c.added}, umbenannt/renamed ${c.renamed}, geändert/updated ${c.updated}, fusioniert/merged ${c.merged}, entfallen/removed ${c.removed}, unverändert/unchanged ${c.unchanged}`,
  );
  out(
    `  Kreise / districts: +${r.districts.added} ~${r.districts.updated} -${r.districts.deactivated}; Gemeindeverbände / associations: +${r.associations.added} ~${r.associations.updated} -${r.associations.deactivated}`,
  );
  const m = r.municipalities;
  list(out, 'neu / added', m.added, c.added, (x) => `${x.ags} ${x.name}${x.reactivated ? ' (wieder aktiv / reactivated)' : ''}`);
  list(out, 'umbenannt / renamed', m.renamed, c.renamed, (x) => `${x.ags} ${x.from} → ${x.to}`);
  list(out, 'geändert / updated', m.updated, c.updated, (x) => `${x.ags} ${x.name}: ${x.fields.join(', ')}`);
  list(out, 'fusioniert, jetzt inaktiv / merged, now inactive', m.merged, c.merged, (x) => `${x.ags} ${x.name} → ${x.into.join(', ')}`);
  list(out, 'entfallen, jetzt inaktiv / removed, now inactive', m.removed, c.removed, (x) => `${x.ags} ${x.name}`);
  footer(out, r);
  out(ATTRIBUTION.destatis);
}

/** Prints a directorates change report. */
export function printDirectoratesReport(r: DirectoratesReport, out: Out): void {
  out(`Polizeidirektionen / police directorates ${r.source}:`);
  for (const d of r.directorates) out(`  ${d.name}: ${d.districts.map((x) => x.name).join(', ')}`);
  list(out, 'neu / added', r.added, r.added.length, (x) => x);
  list(out, 'umbenannt / renamed', r.renamed, r.renamed.length, (x) => `${x.from} → ${x.to}`);
  list(
    out,
    'geändert / updated',
    r.updated,
    r.updated.length,
    (x) => `${x.name}: +[${x.districtsAdded.join(', ')}] -[${x.districtsRemoved.join(', ')}]`,
  );
  list(
    out,
    'nicht in der Datei, behalten ohne Kreise / not in the file, kept without districts',
    r.unlisted,
    r.unlisted.length,
    (x) => x.name,
  );
  list(
    out,
    'Kreise ohne Direktion / districts without directorate',
    r.uncoveredDistricts,
    r.uncoveredDistricts.length,
    (x) => `${x.ags} ${x.name}`,
  );
  footer(out, r);
}

/** Prints a boundaries change report. */
export function printBoundariesReport(r: BoundariesReport, out: Out): void {
  out(`Grenzen / boundaries (${r.level}) ${r.source}: ${r.features} Flächen, ${r.matched} passend / matched`);
  out(
    `  neu/added ${r.added}, geändert/updated ${r.updated}, entfernt/removed ${r.removed}; Kreisgrenzen / district outlines: ${r.districtOutlines}`,
  );
  out(`  Kartendaten / map payload: ${r.payloadBytes} Bytes, ${r.payloadGzipBytes} Bytes gzip`);
  list(
    out,
    'im Verzeichnis ohne Grenze / in the directory without boundary',
    r.missingBoundaries,
    r.missingBoundaries.length,
    (x) => `${x.ags} ${x.name}`,
  );
  list(
    out,
    'Grenze ohne Eintrag im Verzeichnis / boundary without directory entry',
    r.unmatchedBoundaries,
    r.unmatchedBoundaries.length,
    (x) => `${x.ags} ${x.name}`,
  );
  footer(out, r);
  out(ATTRIBUTION.bkg);
}

/** The `import` command group, shared with other modules' import commands. */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import reference data from a file or an http(s) URL')
  );
}

/** Registers `praevis import gv100ad|directorates|boundaries`. */
export function registerTerritoryCommands(program: Command, open: Open, out: Out = (line) => process.stdout.write(`${line}\n`)): void {
  const group = importCommand(program);

  group
    .command('gv100ad')
    .argument('<source>', 'GV100AD file (.ASC, or the ZIP from Destatis) or http(s) URL')
    .description('import the municipality directory (Destatis GV100AD); re-importing a newer file updates it')
    .option('--state <key>', 'state to import: 2-digit AGS prefix (Saxony 14) or all; default DEFAULT_STATE')
    .option('--dry-run', 'report the changes without saving them')
    .action(async (ref: string, opts: { state?: string; dryRun?: boolean }) => {
      const { readSourceRef, createProgress, importGv100ad } = await load();
      const { config, database } = await open();
      try {
        if (opts.state !== undefined && !/^(\d{2}|all)$/.test(opts.state))
          throw new Error(`--state: „${opts.state}“ ist kein Landesschlüssel (zwei Ziffern, z. B. 14) und nicht „all“.`);
        const state = opts.state === undefined ? config.defaultState : opts.state === 'all' ? null : opts.state;
        const source = await readSourceRef(ref, { maxBytes: config.uploadLimit, allow: config.importUrlAllow });
        const report = await database.db.transaction().execute((trx) =>
          importGv100ad(trx, SYSTEM_ACTOR, source, {
            state,
            dryRun: Boolean(opts.dryRun),
            maxBytes: config.uploadLimit,
            progress: createProgress(),
          }),
        );
        printGv100adReport(report, out);
      } finally {
        await database.destroy();
      }
    });

  group
    .command('directorates')
    .argument('<source>', 'CSV file (kreis_ags, polizeidirektion) or http(s) URL')
    .description('import the police directorates and the districts each covers')
    .option('--dry-run', 'report the changes without saving them')
    .action(async (ref: string, opts: { dryRun?: boolean }) => {
      const { readSourceRef, importDirectorates } = await load();
      const { config, database } = await open();
      try {
        const source = await readSourceRef(ref, { maxBytes: config.uploadLimit, allow: config.importUrlAllow });
        const report = await database.db
          .transaction()
          .execute((trx) => importDirectorates(trx, SYSTEM_ACTOR, source, { dryRun: Boolean(opts.dryRun), maxBytes: config.uploadLimit }));
        printDirectoratesReport(report, out);
      } finally {
        await database.destroy();
      }
    });

  group
    .command('boundaries')
    .argument('<source>', 'GeoJSON file (WGS84; AGS and GEN in the properties) or http(s) URL')
    .description('import boundaries and rebuild the simplified map')
    .option('--level <level>', `${BOUNDARY_LEVELS.join(' or ')}`, 'municipalities')
    .option('--dry-run', 'report the changes without saving them')
    .action(async (ref: string, opts: { level: string; dryRun?: boolean }) => {
      if (!(BOUNDARY_LEVELS as readonly string[]).includes(opts.level))
        throw new Error(`--level: erlaubt sind / allowed are ${BOUNDARY_LEVELS.join(', ')}`);
      const { readSourceRef, createProgress, importBoundaries } = await load();
      const { config, database } = await open();
      try {
        const source = await readSourceRef(ref, { maxBytes: config.uploadLimit, allow: config.importUrlAllow });
        const report = await database.db.transaction().execute((trx) =>
          importBoundaries(trx, SYSTEM_ACTOR, source, {
            level: opts.level as BoundaryLevel,
            dryRun: Boolean(opts.dryRun),
            maxBytes: config.uploadLimit,
            progress: createProgress(),
          }),
        );
        printBoundariesReport(report, out);
      } finally {
        await database.destroy();
      }
    });
}
