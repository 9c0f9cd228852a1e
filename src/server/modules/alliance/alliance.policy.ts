import { ROLES } from '../../../shared/roles.ts';
import type { Principal } from '../../auth/principal.ts';
import { canSeeMunicipality } from '../../auth/scope.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import type { AccessRule } from '../../http/types.ts';
import { listDistrictsOfDirectorate } from './alliance.repository.ts';

/*
 * Who may do what with the alliance records.
 * - Admin and LPR staff record and correct events, agreements and documents, and import history.
 * - Coordinators read the full record of their own communes, police that of their directorate's
 *   (row scoping below), the ministry sees figures only: no events, no signatories, no documents.
 * - Figures, the time series, the fact box and the status of each municipality carry no personal
 *   data; every signed-in role reads them, and the public when an admin enabled the public page.
 */
export const alliancePolicy = {
  record: { allow: ['admin', 'lpr'] },
  readDetail: { allow: ['admin', 'lpr', 'coordinator', 'police'] },
  figures: { allow: ROLES },
  settings: { allow: ['admin'] },
  public: { allow: ['public'] },
} as const satisfies Record<string, AccessRule>;

/** A function that says whether the principal may see one municipality's full record. */
export async function detailScope(db: DbOrTrx, principal: Principal): Promise<(m: { ags: string; district_ags: string }) => boolean> {
  const districts = principal.role === 'police' && principal.directorateId !== null ? await listDistrictsOfDirectorate(db, principal.directorateId) : [];
  return (m) => canSeeMunicipality(principal, m, districts);
}

export const outOfScope = () => new AppError('forbidden-scope');
