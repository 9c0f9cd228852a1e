/**
 * The roles a signed-in user can hold, without Zod: the `praevis` command's help reads them
 * without loading a schema library (roles.ts builds the schema on it).
 */
export const ROLES = ['admin', 'lpr', 'coordinator', 'police', 'ministry'] as const;
