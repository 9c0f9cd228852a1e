/*
 * The public entry of the mail module (decision 023): other modules queue messages with
 * `queueMail` inside the transaction of the change that causes them; the worker `praevis serve`
 * starts sends them. Templates are files in `templates/` (one set per kind, de and en).
 */
export { type MailAttachment, type MailCategory, queueMail, type QueueMailInput } from './mail.service.ts';
export { mailRoutes } from './mail.routes.ts';
export { startOutboxWorker } from './mail.sender.ts';
export { configureMail, mailConfig, publicLink } from './mail.config.ts';
