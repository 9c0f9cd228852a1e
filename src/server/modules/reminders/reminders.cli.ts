import type { Command } from 'commander';
import type { AppConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';

type Open = () => Promise<{ config: AppConfig; database: DatabaseHandle }>;
type Out = (line: string) => void;

const stdout: Out = (line) => process.stdout.write(`${line}\n`);

/** Registers `praevis mail digest` (under the `mail` command, created here unless another module declared it). */
export function registerReminderCommands(program: Command, open: Open, out: Out = stdout): void {
  const mail = program.commands.find((c) => c.name() === 'mail') ?? program.command('mail').description('outgoing mail');
  mail
    .command('digest')
    .description(
      "queue today's daily mails now: the task digests and the messages about late security-analysis phases (each at most once a day, as the scheduler of praevis serve does)",
    )
    .action(async () => {
      // Loaded when the command runs (decision 019).
      const [{ runDailyMails }, { todayBerlin }, { configureMail }] = await Promise.all([
        import('./reminders.service.ts'),
        import('../../../shared/time.ts'),
        import('../mail/index.ts'),
      ]);
      const { config, database } = await open();
      // As the server does: queued for the SMTP server (or kept without one), links to the public address.
      configureMail({
        smtpUrl: config.mail.smtpUrl,
        from: config.mail.from,
        publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      });
      try {
        const r = await runDailyMails(database.db, todayBerlin());
        out(
          `Tägliche Mails für den ${r.day} / daily mails of ${r.day}: ${r.digests} Übersichten / digests, ${r.latePhases} verspätete Phasen / late phases`,
        );
      } finally {
        await database.destroy();
      }
    });
}
