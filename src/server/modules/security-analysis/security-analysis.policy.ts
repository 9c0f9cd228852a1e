import { ROLES } from '../../../shared/roles.ts';
import type { Principal } from '../../auth/principal.ts';
import { canSeeMunicipality } from '../../auth/scope.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import type { AccessRule } from '../../http/types.ts';
import { listDistrictsOfDirectorate } from '../alliance/alliance.repository.ts';

/*
 * Who may do what with security analyses.
 * - Admin and LPR staff manage every analysis: create, plan phases, start, complete, findings,
 *   recommendations, reports (drafts and the frozen final version).
 * - A coordinator reads the analyses of its municipality and works on the strategy workshop there
 *   (accepts or rejects recommendations, turns accepted ones into problem fields or project ideas).
 * - Police read the analyses of their directorate's municipalities.
 * - The ministry sees counts only (no findings, no reports).
 */
export const securityAnalysisPolicy = {
  manage: { allow: ['admin', 'lpr'] },
  read: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
  workshop: { allow: ['admin', 'lpr', 'coordinator'] },
  counts: { allow: ROLES },
} as const satisfies Record<string, AccessRule>;

/** A predicate: may the principal see this municipality's analyses? */
export async function analysisScope(db: DbOrTrx, principal: Principal): Promise<(m: { ags: string; district_ags: string }) => boolean> {
  const districts = principal.role === 'police' && principal.directorateId !== null ? await listDistrictsOfDirectorate(db, principal.directorateId) : [];
  return (m) => canSeeMunicipality(principal, m, districts);
}

/** Whether the principal works on the workshop of this municipality (coordinators: own communes only). */
export function canWorkshop(principal: Principal, ags: string): boolean {
  if (principal.role === 'admin' || principal.role === 'lpr') return true;
  return principal.role === 'coordinator' && principal.communes.includes(ags);
}

export const outOfScope = () => new AppError('forbidden-scope');
