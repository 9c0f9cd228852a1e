import type { Command } from 'commander';
import type { Actor } from '../../auth/principal.ts';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const cliActor: Actor = { userId: null, label: 'cli:demo', requestId: null };
const stdout: Out = (line) => process.stdout.write(`${line}\n`);

/** Registers `praevis demo`. */
export function registerDemoCommand(program: Command, open: Open, out: Out = stdout): void {
  program
    .command('demo')
    .description('add a clearly labelled fictional alliance history ("[Demo]") on top of an imported directory')
    .option('--force', 'cancel an earlier demo history and generate it anew')
    .option('--seed <n>', 'seed of the random generator (same seed, same history)', (v) => Number.parseInt(v, 10))
    .option('--remove', 'delete every row an earlier `praevis demo` created, and nothing else')
    .option('--yes', 'with --remove: do not ask for confirmation')
    .action(async (opts: { force?: boolean; seed?: number; remove?: boolean; yes?: boolean }) => {
      if (opts.remove) {
        await removeDemo(open, out, !!opts.yes);
        return;
      }
      // Loaded when the command runs, so that `praevis --help` stays light (decision 019).
      const [{ FIGURE_LABELS }, { addDemoData }] = await Promise.all([
        import('../../../shared/alliance.schema.ts'),
        import('./demo.service.ts'),
      ]);
      const { database } = await open();
      try {
        const {
          alliance: s,
          crime,
          funding,
          councils,
          survey,
          securityAnalysisId,
        } = await addDemoData(database.db, cliActor, { force: !!opts.force, seed: opts.seed });
        out(`Demo-Historie angelegt (Lauf ${s.run}, bis ${s.horizon}) / demo history added (run ${s.run}, up to ${s.horizon}):`);
        out(
          `  ${s.events} Ereignisse / events in ${s.municipalities} Kommunen / municipalities, ${s.agreements} Kooperationsvereinbarungen / agreements (${s.jointAgreements} gemeinsame / joint)`,
        );
        for (const [k, label] of Object.entries(FIGURE_LABELS)) out(`  ${label.de}: ${s.figures[k as keyof typeof s.figures]}`);
        out(
          `  [Demo] fiktive Kriminalitätszahlen / fictional crime figures: ${crime.rows} Werte / values in ${crime.municipalities} Kommunen / municipalities`,
        );
        if (!funding.skipped)
          out(
            `  [Demo] Förderprogramm / funding programme ${funding.year}: ${funding.projects} Projekte / projects, ${funding.applications} Anträge / applications, ${funding.approved} bewilligt / approved (${(funding.committedCents / 100).toFixed(2)} EUR), ${funding.rejected} abgelehnt / rejected`,
          );
        out(
          `  [Demo] ${councils.councils} Präventionsräte / councils, ${councils.members} Mitglieder / members, ${councils.meetings} Sitzungen / meetings, ${councils.tasks} Aufgaben / tasks, ${councils.coachingProcesses} Coaching-Prozesse / coaching processes, ${councils.courses} Kurse / courses, ${councils.enrolments} Anmeldungen / enrolments`,
        );
        if (!survey.skipped)
          out(
            `  [Demo] Bürgerbefragung / citizen survey: ${survey.title}, ${survey.responses} Antworten / responses (${survey.codes} Codes), abgeschlossen / closed`,
          );
        if (securityAnalysisId)
          out(
            '  [Demo] Sicherheitsanalyse / security analysis mit Befunden, Empfehlungen und Berichtsentwurf / with findings, recommendations and a draft report',
          );
        out('Alle Einträge sind mit „[Demo]“ gekennzeichnet und frei erfunden. / Every entry is labelled "[Demo]" and fictional.');
      } finally {
        await database.destroy();
      }
    });
}

/** Asks on the terminal; without one, nothing is confirmed. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(j|ja|y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `praevis demo --remove`: lists what goes, asks (unless --yes), deletes and reports. */
async function removeDemo(open: Open, out: Out, yes: boolean): Promise<void> {
  const { countDemoData, hasDemoData, removeDemoData } = await import('./demo.service.ts');
  const { database } = await open();
  try {
    const counts = await countDemoData(database.db);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (!total && !(await hasDemoData(database.db))) {
      out('Keine Demo-Daten vorhanden. / No demo data present.');
      return;
    }
    out(`Demo-Daten / demo data: ${total} Einträge / rows`);
    for (const [table, n] of Object.entries(counts)) out(`  ${table}: ${n}`);
    if (!yes && !(await confirm('Alle Demo-Daten löschen? / Delete all demo data? [j/N] '))) {
      out('Nichts gelöscht (bestätigen Sie mit „j“ oder --yes). / Nothing deleted (confirm with "y" or --yes).');
      process.exitCode = 1;
      return;
    }
    const removed = await removeDemoData(database.db, cliActor);
    out(`Demo-Daten entfernt: ${removed.total} Einträge. / Demo data removed: ${removed.total} rows.`);
  } finally {
    await database.destroy();
  }
}
