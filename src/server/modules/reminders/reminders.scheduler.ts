import type { Db } from '../../db/database.ts';
import { berlinInstant, now, todayBerlin } from '../../../shared/time.ts';
import { runDailyMails } from './reminders.service.ts';

/*
 * Starts the daily mails in `praevis serve`: once a Berlin day, at DAILY_MAIL_TIME or at the first
 * check after it (a server started later in the day runs them then). "Now" is the clock of
 * src/shared/time.ts, so tests move the day; the checks themselves run on a real timer.
 */

/** The wall-clock time in Europe/Berlin at which the daily mails are queued. */
export const DAILY_MAIL_TIME = '07:00';

export interface DailyScheduler {
  /** Runs the daily mails when they are due today and have not run in this process; true when it ran. */
  tick: () => Promise<boolean>;
  /** The check made at start (false without a timer), with how long it took in ms. */
  firstCheck: Promise<{ ran: boolean; ms: number }>;
  stop: () => Promise<void>;
}

interface Log {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/** Checks every `intervalMs` whether the day's mails are due (the first check at once). */
export function startDailyMails(db: Db, log: Log, opts: { intervalMs?: number; timer?: boolean } = {}): DailyScheduler {
  const intervalMs = opts.intervalMs ?? 5 * 60_000;
  let lastDay: string | null = null;
  let running: Promise<boolean> = Promise.resolve(false);
  let stopped = false;

  const runIfDue = async (): Promise<boolean> => {
    const day = todayBerlin();
    const due = berlinInstant(day, DAILY_MAIL_TIME)!;
    if (stopped || lastDay === day || now().getTime() < Date.parse(due)) return false;
    try {
      const r = await runDailyMails(db, day);
      lastDay = day;
      // Counts only: no addresses or names in the log.
      log.info({ day, digests: r.digests, latePhases: r.latePhases }, 'daily mails queued');
      return true;
    } catch (err) {
      log.error({ reason: err instanceof Error ? err.message : String(err) }, 'daily mails could not be queued');
      return false;
    }
  };
  const tick = () => {
    // One run at a time in this process.
    running = running.then(runIfDue);
    return running;
  };
  const timer = opts.timer === false ? undefined : setInterval(() => void tick(), intervalMs);
  timer?.unref();
  const started = performance.now();
  const firstCheck = (opts.timer === false ? Promise.resolve(false) : tick()).then((ran) => ({ ran, ms: performance.now() - started }));
  return {
    tick,
    firstCheck,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
