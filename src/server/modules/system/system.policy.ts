import { AUDIENCES } from '../../../shared/roles.ts';
import type { AccessRule } from '../../http/types.ts';

export const systemPolicy = {
  /** Health probes and the API description are public. */
  anyone: { allow: AUDIENCES, duringPasswordChange: true },
} as const satisfies Record<string, AccessRule>;
