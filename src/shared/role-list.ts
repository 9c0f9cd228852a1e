/**
 * The roles a signed-in user can hold, without Zod: the `praevis` command's help, the shared
 * policies and the web app's shell read them without loading a schema library (roles.ts builds
 * the schema on it).
 */
export const ROLES = ['admin', 'lpr', 'coordinator', 'police', 'ministry'] as const;
export type Role = (typeof ROLES)[number];
/** A role, or `public` for a visitor without a session. */
export type Audience = Role | 'public';
export const AUDIENCES: readonly Audience[] = [...ROLES, 'public'];
