/* The daily mails (task digests, late security-analysis phases): the scheduler `praevis serve` starts, and the run `praevis mail digest` starts. */
export { DAILY_MAIL_TIME, type DailyScheduler, startDailyMails } from './reminders.scheduler.ts';
export { type DailyMailsResult, runDailyMails } from './reminders.service.ts';
