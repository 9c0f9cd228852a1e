import type { Role } from '../../shared/roles.ts';

/** The signed-in user as every request sees it: identity, role and scope. */
export interface Principal {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** AGS of the communes a coordinator is responsible for. */
  communes: string[];
  /** Police directorate a police user belongs to. */
  directorateId: number | null;
  mustChangePassword: boolean;
}

/** Who performed a change, for the audit trail. */
export interface Actor {
  userId: number | null;
  label: string;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system', requestId: null };

export function actorOf(principal: Principal | null, requestId: string | null): Actor {
  return principal ? { userId: principal.id, label: principal.email, requestId } : { userId: null, label: 'anonymous', requestId };
}
