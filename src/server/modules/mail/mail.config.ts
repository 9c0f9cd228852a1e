/*
 * How this process sends mail: the SMTP server (`SMTP_URL`; none: every message is kept, never
 * sent), the sender (`MAIL_FROM`) and the public base URL of links (`PUBLIC_URL`). `mailRoutes`
 * sets it from the application's configuration when the app is built, so that `queueMail`, which
 * other modules call with only a database or transaction, knows whether to queue or keep.
 */
export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  publicUrl: string;
}

const DEFAULT: MailConfig = { smtpUrl: undefined, from: 'Praevis <praevis@localhost>', publicUrl: 'http://localhost:3000' };

let current: MailConfig = DEFAULT;

/** Sets the mail configuration of this process (app.ts, through the mail routes). */
export function configureMail(config: MailConfig): void {
  current = { ...config, publicUrl: config.publicUrl.replace(/\/+$/, '') };
}

export function mailConfig(): MailConfig {
  return current;
}

/** An absolute link to a path of the web app. */
export function publicLink(pathAndQuery: string): string {
  return `${current.publicUrl}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
}

/** The path of the notification settings on the profile page, which every message's footer links to. */
export const SETTINGS_PATH = '/profile#notifications';
