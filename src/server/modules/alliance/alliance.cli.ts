import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FIGURE_LABELS } from '../../../shared/alliance.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { addDemoCrimeFigures } from '../crime-stats/crime-stats.demo.ts';
import { addDemoCouncils } from '../councils/councils.demo.ts';
import { addDemoFunding } from '../funding/funding.demo.ts';
import { runDemo } from './demo.ts';
import { addDemoSurvey } from '../surveys/demo.ts';
import { addDemoSurveyMargins } from '../surveys/analysis/analysis.demo.ts';
import { importHistory } from './history-import.ts';
import { addDemoSecurityAnalysis } from '../security-analysis/security-analysis.demo.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const cliActor = (what: string): Actor => ({ userId: null, label: `cli:${what}`, requestId: null });
const stdout: Out = (line) => process.stdout.write(`${line}\n`);

/** Registers `praevis import history <FILE>` and `praevis demo`. */
export function registerAllianceCommands(program: Command, open: Open, out: Out = stdout): void {
  const group = program.commands.find((c) => c.name() === 'import')
    ?? program.command('import').description('import reference data from a file or an http(s) URL');

  group.command('history').argument('<file>', 'history CSV (see docs/alliance-history-import.md)')
    .description('import an alliance history from CSV, all or nothing; errors name line and column')
    .option('--dry-run', 'check only, store nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const content = fs.readFileSync(file);
      const { database } = await open();
      try {
        const r = await database.db.transaction().execute((trx) => importHistory(trx, cliActor('import-history'), { fileName: path.basename(file), content }, { dryRun: !!opts.dryRun }));
        out(`Historie / history ${path.basename(file)} (SHA-256 ${r.sha256.slice(0, 12)}…): ${r.lines} Zeilen / lines, ${r.events} Ereignisse / events, ${r.agreements} neue Vereinbarungen / new agreements, ${r.municipalities} Kommunen / municipalities`);
        out(r.dryRun ? 'Probelauf: nichts gespeichert. / Dry run: nothing saved.' : 'Gespeichert. / Saved.');
      } finally {
        await database.destroy();
      }
    });

  program.command('demo')
    .description('add a clearly labelled fictional alliance history ("[Demo]") on top of an imported directory')
    .option('--force', 'cancel an earlier demo history and generate it anew')
    .option('--seed <n>', 'seed of the random generator (same seed, same history)', (v) => Number.parseInt(v, 10))
    .action(async (opts: { force?: boolean; seed?: number }) => {
      const { database } = await open();
      try {
        const { s, crime, funding, councils } = await database.db.transaction().execute(async (trx) => {
          const summary = await runDemo(trx, cliActor('demo'), { force: !!opts.force, seed: opts.seed });
          return { s: summary, crime: await addDemoCrimeFigures(trx, cliActor('demo'), { seed: opts.seed }), funding: await addDemoFunding(trx, cliActor('demo'), { seed: opts.seed }), councils: await addDemoCouncils(trx, cliActor('demo'), { seed: opts.seed }) };
        });
        out(`Demo-Historie angelegt (Lauf ${s.run}, bis ${s.horizon}) / demo history added (run ${s.run}, up to ${s.horizon}):`);
        out(`  ${s.events} Ereignisse / events in ${s.municipalities} Kommunen / municipalities, ${s.agreements} Kooperationsvereinbarungen / agreements (${s.jointAgreements} gemeinsame / joint)`);
        for (const [k, label] of Object.entries(FIGURE_LABELS)) out(`  ${label.de}: ${s.figures[k as keyof typeof s.figures]}`);
        out(`  [Demo] fiktive Kriminalitätszahlen / fictional crime figures: ${crime.rows} Werte / values in ${crime.municipalities} Kommunen / municipalities`);
        if (!funding.skipped) out(`  [Demo] Förderprogramm / funding programme ${funding.year}: ${funding.projects} Projekte / projects, ${funding.applications} Anträge / applications, ${funding.approved} bewilligt / approved (${(funding.committedCents / 100).toFixed(2)} EUR), ${funding.rejected} abgelehnt / rejected`);
        out(`  [Demo] ${councils.councils} Präventionsräte / councils, ${councils.members} Mitglieder / members, ${councils.meetings} Sitzungen / meetings, ${councils.tasks} Aufgaben / tasks, ${councils.coachingProcesses} Coaching-Prozesse / coaching processes, ${councils.courses} Kurse / courses, ${councils.enrolments} Anmeldungen / enrolments`);
        const survey = await database.db.transaction().execute((trx) => addDemoSurvey(trx, cliActor('demo'), { seed: opts.seed }));
        if (!survey.skipped) out(`  [Demo] Bürgerbefragung / citizen survey: ${survey.title}, ${survey.responses} Antworten / responses (${survey.codes} Codes), abgeschlossen / closed`);
        if (survey.surveyId !== null) await database.db.transaction().execute((trx) => addDemoSurveyMargins(trx, cliActor('demo'), survey.surveyId!));
        if ((await database.db.transaction().execute((trx) => addDemoSecurityAnalysis(trx, cliActor('demo'), { surveyId: survey.surveyId }))).analysisId) out('  [Demo] Sicherheitsanalyse / security analysis mit Befunden, Empfehlungen und Berichtsentwurf / with findings, recommendations and a draft report');
        out('Alle Einträge sind mit „[Demo]“ gekennzeichnet und frei erfunden. / Every entry is labelled "[Demo]" and fictional.');
      } finally {
        await database.destroy();
      }
    });
}
