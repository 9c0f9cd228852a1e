import { ROLES } from '../../../shared/roles.ts';
import type { Principal } from '../../auth/principal.ts';
import { canSeeMunicipality } from '../../auth/scope.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import type { AccessRule } from '../../http/types.ts';
import { listDistrictsOfDirectorate } from '../alliance/alliance.repository.ts';

/*
 * Who may do what with projects and funding.
 * - Coordinators manage the projects, applications, payment requests and proofs of use of their
 *   own communes (row scoping below); admin and LPR staff may do the same for every commune.
 * - Police read the projects of their directorate's municipalities, without their funding (no
 *   applications, no dossier with budget and payments).
 * - Admin and LPR staff edit programmes, assign reviewers, review, recommend, decide, record
 *   payments and check proofs of use; only an admin publishes the list of funded projects.
 * - The ministry sees figures only: programmes, the budget overview and the funded list.
 * - The public sees a programme's funded list once an admin published it.
 */
export const fundingPolicy = {
  fields: { allow: ROLES },
  readProjects: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
  writeProjects: { allow: ['admin', 'lpr', 'coordinator'] },
  readProgrammes: { allow: ['admin', 'lpr', 'coordinator', 'ministry'] },
  editProgrammes: { allow: ['admin', 'lpr'] },
  publish: { allow: ['admin'] },
  applications: { allow: ['admin', 'lpr', 'coordinator'] },
  staff: { allow: ['admin', 'lpr'] },
  figures: { allow: ['admin', 'lpr', 'ministry'] },
  public: { allow: ['public'] },
} as const satisfies Record<string, AccessRule>;

export const STAFF_ROLES = ['admin', 'lpr'] as const;

/** Whether the principal is council staff (admin or LPR). */
export const isStaff = (p: Principal): boolean => p.role === 'admin' || p.role === 'lpr';

/** A predicate: may the principal see this municipality's projects? */
export async function projectScope(db: DbOrTrx, principal: Principal): Promise<(m: { ags: string; district_ags: string }) => boolean> {
  const districts = principal.role === 'police' && principal.directorateId !== null ? await listDistrictsOfDirectorate(db, principal.directorateId) : [];
  return (m) => canSeeMunicipality(principal, m, districts);
}

/** May the principal change records of this municipality (police and ministry never)? */
export function canWriteFor(principal: Principal, ags: string): boolean {
  if (isStaff(principal)) return true;
  return principal.role === 'coordinator' && principal.communes.includes(ags);
}

export const outOfScope = () => new AppError('forbidden-scope');
