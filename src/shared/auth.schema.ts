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

/**
 * The web app's question at start: is this browser signed in? Always answered with 200 (no
 * session is an answer, not an error, so the browser logs nothing), with the session when there is one.
 */
export const sessionProbeSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  sessionInfoSchema.extend({ signedIn: z.literal(true) }),
]);
export type SessionProbe = z.infer<typeof sessionProbeSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: passwordSchema,
});

export const authOptionsSchema = z.object({ sso: z.boolean() });
