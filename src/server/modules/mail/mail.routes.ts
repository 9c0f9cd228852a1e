import { z } from 'zod';
import { idParamSchema, pageOf } from '../../../shared/common.schema.ts';
import {
  linkStatusSchema,
  linkTokenQuerySchema,
  mailSettingsSchema,
  outboxMessageDetailSchema,
  outboxMessageSchema,
  outboxExportQuerySchema,
  outboxQuerySchema,
  passwordResetAnswerSchema,
  passwordResetRequestSchema,
  setPasswordWithLinkSchema,
  updateMailSettingsSchema,
} from '../../../shared/mail.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { noContent, problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';
import { registerAccountInvitation } from '../users/index.ts';
import * as links from './links.service.ts';
import { configureMail } from './mail.config.ts';
import { mailPolicy } from './mail.policy.ts';
import * as outbox from './outbox.service.ts';

const TAGS = ['mail'];

/** The answer to every password-reset request, whether the address is known or not. */
const RESET_ANSWER = {
  de: 'Wenn die Adresse zu einem Konto gehört, haben wir eine E-Mail mit einem Link zum Zurücksetzen des Passworts gesendet. Der Link gilt 30 Minuten.',
  en: 'If the address belongs to an account, we have sent an e-mail with a link to reset the password. The link is valid for 30 minutes.',
};

/** The mail module's routes; registering them also sets this process's mail configuration and the account invitation. */
export async function mailRoutes(app: ZodApp): Promise<void> {
  configureMail({
    smtpUrl: app.config.mail.smtpUrl,
    from: app.config.mail.from,
    publicUrl: app.config.publicUrl ?? `http://localhost:${app.config.port}`,
  });
  registerAccountInvitation(links.inviteAccount);

  app.get(
    '/api/mail/outbox',
    {
      config: { access: mailPolicy.outbox },
      schema: {
        tags: TAGS,
        summary: 'The outbox (Postausgang): messages newest first, optionally of one status',
        querystring: outboxQuerySchema,
        response: { 200: pageOf(outboxMessageSchema), ...problemResponses },
      },
    },
    async (req) => outbox.listOutbox(app.db, req.query),
  );

  app.get(
    '/api/mail/outbox/export',
    {
      config: { access: mailPolicy.outbox },
      schema: {
        tags: TAGS,
        summary: 'The outbox (of one status, or all) as CSV or XLSX, newest first',
        querystring: outboxExportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV or XLSX'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await outbox.exportOutbox(app.db, req.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/mail/outbox/:id',
    {
      config: { access: mailPolicy.outbox },
      schema: {
        tags: TAGS,
        summary: 'One message of the outbox with its plain text',
        params: idParamSchema,
        response: { 200: outboxMessageDetailSchema, ...problemResponses },
      },
    },
    async (req) => outbox.getOutboxMessage(app.db, req.params.id),
  );

  app.post(
    '/api/mail/outbox/:id/retry',
    {
      config: { access: mailPolicy.outbox },
      schema: {
        tags: TAGS,
        summary: 'Send a failed message again (409 unless it failed)',
        params: idParamSchema,
        body: z.object({}).optional(),
        response: { 200: outboxMessageDetailSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => outbox.retryOutboxMessage(trx, actorOf(req.principal, req.id), req.params.id)),
  );

  app.get(
    '/api/mail/settings',
    {
      config: { access: mailPolicy.settings },
      schema: {
        tags: TAGS,
        summary: 'The own notification settings: which categories of messages arrive',
        response: { 200: mailSettingsSchema, ...problemResponses },
      },
    },
    async (req) => outbox.getMailSettings(app.db, req.principal!.id),
  );

  app.put(
    '/api/mail/settings',
    {
      config: { access: mailPolicy.settings },
      schema: {
        tags: TAGS,
        summary: 'Change the own notification settings (account messages cannot be switched off; optimistic locking by version)',
        body: updateMailSettingsSchema,
        response: { 200: mailSettingsSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => outbox.updateMailSettings(trx, actorOf(req.principal, req.id), req.principal!.id, req.body)),
  );

  app.post(
    '/api/mail/password-reset',
    {
      config: { access: mailPolicy.anyone },
      schema: {
        tags: TAGS,
        summary: 'Ask for a password-reset link by e-mail (the same answer whether the address is known or not)',
        body: passwordResetRequestSchema,
        response: { 202: passwordResetAnswerSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      await app.db.transaction().execute((trx) => links.requestPasswordReset(trx, req.body.email));
      const lang = req.headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'de';
      return reply.code(202).send({ message: RESET_ANSWER[lang] });
    },
  );

  app.get(
    '/api/mail/links',
    {
      config: { access: mailPolicy.anyone },
      schema: {
        tags: TAGS,
        summary: 'Whether the link of an invitation or password reset can still be used',
        querystring: linkTokenQuerySchema,
        response: { 200: linkStatusSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return links.linkStatus(app.db, req.query.token);
    },
  );

  app.post(
    '/api/mail/links/password',
    {
      config: { access: mailPolicy.anyone },
      schema: {
        tags: TAGS,
        summary: "Set a new password with a link's token: the link is used up and the account's sessions end",
        body: setPasswordWithLinkSchema,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (req, reply) => {
      await app.db.transaction().execute((trx) => links.setPasswordWithLink(trx, req.body.token, req.body.newPassword, req.id));
      return reply.code(204).send(null);
    },
  );
}
