import type { ZodApp } from '../../http/zod-app.ts';
import { configureMail } from './mail.config.ts';

/** The mail module's routes; registering them also sets this process's mail configuration. */
export async function mailRoutes(app: ZodApp): Promise<void> {
  configureMail({
    smtpUrl: app.config.mail.smtpUrl,
    from: app.config.mail.from,
    publicUrl: app.config.publicUrl ?? `http://localhost:${app.config.port}`,
  });
  await Promise.resolve();
}
