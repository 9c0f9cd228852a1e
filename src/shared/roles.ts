import { z } from 'zod';

/** Roles a signed-in user can hold; `public` stands for a visitor without a session. */
export const ROLES = ['admin', 'lpr', 'coordinator', 'police', 'ministry'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export type Audience = Role | 'public';
export const AUDIENCES: readonly Audience[] = [...ROLES, 'public'];
