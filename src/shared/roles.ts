import { z } from 'zod';
import { AUDIENCES, type Audience, ROLES, type Role } from './role-list.ts';

/** Roles a signed-in user can hold (role-list.ts); `public` stands for a visitor without a session. */
export { AUDIENCES, ROLES, type Audience, type Role };
export const roleSchema = z.enum(ROLES);
