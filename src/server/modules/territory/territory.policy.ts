import { ROLES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

export const territoryPolicy = {
  /** The directory is official public data; every signed-in role reads it, scoped to its rows. */
  read: { allow: ROLES },
} as const satisfies Record<string, AccessRule>;
