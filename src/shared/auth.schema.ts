import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { passwordSchema, userSchema } from './users.schema.ts';

export const loginSchema = z.object({
  email: z.string().min(1).max(LIMITS.emailMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});

export const sessionInfoSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: passwordSchema,
});

export const authOptionsSchema = z.object({ sso: z.boolean() });
