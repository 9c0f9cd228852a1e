import { z } from 'zod';
import { agsSchema, decimalInt, idSchema, nameText, versionSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';
import { roleSchema } from './roles.ts';

export const emailSchema = z
  .email()
  .max(LIMITS.emailMax)
  .transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);
export const localeSchema = z.enum(['de', 'en']);

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  communes: z.array(z.string()),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  sso: z.boolean(),
  locale: localeSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
z.globalRegistry.add(userSchema, { id: 'User' });
export type User = z.infer<typeof userSchema>;

const scopeFields = {
  communes: z.array(agsSchema).max(500).default([]),
  directorateId: idSchema.nullable().default(null),
};

export const createUserSchema = z.object({
  email: emailSchema,
  displayName: nameText(LIMITS.nameMax),
  role: roleSchema,
  ...scopeFields,
  locale: localeSchema.default('de'),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** A new account: its one-time password, or null when an invitation with a link to set the password was sent by mail. */
export const createUserResultSchema = z.object({ user: userSchema, oneTimePassword: z.string().nullable(), invitationSent: z.boolean() });

export const updateUserSchema = z.object({
  version: versionSchema,
  displayName: nameText(LIMITS.nameMax).optional(),
  role: roleSchema.optional(),
  communes: z.array(agsSchema).max(500).optional(),
  directorateId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
  locale: localeSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: z.string().max(LIMITS.searchMax).optional(),
  role: roleSchema.optional(),
  sort: z.enum(['email', 'displayName', 'role', 'createdAt']).default('email'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const resetPasswordResultSchema = z.object({ oneTimePassword: z.string() });
