import { z } from 'zod';
import { ROLES } from './role-list.ts';

/** Roles a signed-in user can hold (role-list.ts); `public` stands for a visitor without a session. */
export { ROLES };
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export type Audience = Role | 'public';
export const AUDIENCES: readonly Audience[] = [...ROLES, 'public'];
