import { z } from 'zod';
import { decimalInt, versionSchema } from './common.schema.ts';
import { csvDialectSchema } from './csv.schema.ts';
import { LIMITS } from './limits.ts';
import { emailSchema, passwordSchema } from './users.schema.ts';

/** The states of an outgoing message: queued, being sent, sent, given up, or kept (no SMTP server configured). */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'kept'] as const;
export const mailStatusSchema = z.enum(MAIL_STATUSES);
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const MAIL_CATEGORIES = ['account', 'meetings', 'digest', 'funding', 'analysis'] as const;
export const mailCategorySchema = z.enum(MAIL_CATEGORIES);

export const outboxQuerySchema = z.object({
  status: mailStatusSchema.optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 200).default(LIMITS.pageSizeDefault),
});

/** The download of the outbox (of one status, or all): CSV (German Excel unless asked otherwise) or XLSX. */
export const outboxExportQuerySchema = z.object({
  status: mailStatusSchema.optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
});

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  category: mailCategorySchema,
  recipient: z.string(),
  language: z.enum(['de', 'en']),
  /** Null once the retention period cleaned the message. */
  subject: z.string().nullable(),
  status: mailStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  cleanedAt: z.string().nullable(),
});
z.globalRegistry.add(outboxMessageSchema, { id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxMessageDetailSchema = outboxMessageSchema.extend({
  text: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
  hasCalendar: z.boolean(),
});
export type OutboxMessageDetail = z.infer<typeof outboxMessageDetailSchema>;

/** The categories a user may switch off ('account' messages always arrive). */
export const mailSettingsSchema = z.object({
  meetings: z.boolean(),
  digest: z.boolean(),
  funding: z.boolean(),
  analysis: z.boolean(),
  /** 0 while the user never changed the settings. */
  version: z.number().int().min(0),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const updateMailSettingsSchema = z.object({
  meetings: z.boolean(),
  digest: z.boolean(),
  funding: z.boolean(),
  analysis: z.boolean(),
  version: z
    .number()
    .int()
    .min(0)
    .max(versionSchema.maxValue ?? 2_147_483_647),
});
export type UpdateMailSettingsInput = z.infer<typeof updateMailSettingsSchema>;

/** Asking for a password-reset link. */
export const passwordResetRequestSchema = z.object({ email: emailSchema });

/** The token of a link (base64url, 43 characters for 32 bytes). */
export const linkTokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid link');

export const linkTokenQuerySchema = z.object({ token: linkTokenSchema });

/** What a link is (before its password is set): whether it can still be used. */
export const linkStatusSchema = z.object({
  purpose: z.enum(['invitation', 'password-reset']),
  valid: z.boolean(),
  email: z.string().nullable(),
});

/** Setting a password through a link of a message. */
export const setPasswordWithLinkSchema = z.object({ token: linkTokenSchema, newPassword: passwordSchema });

/** The same answer whatever the address. */
export const passwordResetAnswerSchema = z.object({ message: z.string() });
