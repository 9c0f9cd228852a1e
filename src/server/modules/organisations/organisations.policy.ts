import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import type { AccessRule } from '../../http/types.ts';
import { listMunicipalitiesOfDirectorate } from './organisations.repository.ts';

/*
 * Who may do what with organisations and people (personal data).
 * - Admin and LPR staff: every record, including state-wide ones (no municipality), e.g. coaches.
 * - A coordinator: the records of its own communes (create, change, export, erase).
 * - Police and the ministry: no access to the people register; police see council members only
 *   through the councils of their directorate, the ministry sees counts only.
 */
export const organisationsPolicy = {
  read: { allow: ['admin', 'lpr', 'coordinator'] },
  write: { allow: ['admin', 'lpr', 'coordinator'] },
} as const satisfies Record<string, AccessRule>;

/** The municipalities a principal may see (`all` for admin and LPR staff), as used by every module of the councils. */
export interface MunicipalScope {
  all: boolean;
  ags: string[];
  /** Whether the principal may change records in its scope (police and ministry only read). */
  canWrite: boolean;
}

/** The municipal scope of a principal: coordinators their communes, police the municipalities of their directorate. */
export async function municipalScope(db: DbOrTrx, principal: Principal): Promise<MunicipalScope> {
  switch (principal.role) {
    case 'admin':
    case 'lpr':
      return { all: true, ags: [], canWrite: true };
    case 'coordinator':
      return { all: false, ags: principal.communes, canWrite: true };
    case 'police':
      return { all: false, ags: principal.directorateId === null ? [] : await listMunicipalitiesOfDirectorate(db, principal.directorateId), canWrite: false };
    default:
      return { all: false, ags: [], canWrite: false };
  }
}

/** Whether a record of the municipality (null: state-wide) lies in the scope. */
export function inScope(scope: MunicipalScope, ags: string | null): boolean {
  return scope.all || (ags !== null && scope.ags.includes(ags));
}

export const outOfScope = () => new AppError('forbidden-scope');

/** Throws 403 unless the record lies in the scope (and, for writes, the principal may write). */
export function assertInScope(scope: MunicipalScope, ags: string | null, write = false): void {
  if (!inScope(scope, ags) || (write && !scope.canWrite)) throw outOfScope();
}
