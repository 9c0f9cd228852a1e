import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/problem.ts';
import type { AccessRule } from '../../http/types.ts';

/*
 * Who may do what with citizen surveys (decision 010).
 * - Admin and LPR staff run every survey.
 * - A coordinator sees the surveys that include one of its communes, and runs (edits, starts,
 *   closes, deletes, changes the questionnaire of) those whose municipalities are all its own;
 *   it creates surveys for its own communes only, and generates codes, letters and paper returns
 *   for its own communes only.
 * - Police and the ministry have no access to fieldwork: a survey asks about trust in the police,
 *   and neither role needs codes, letters or single returns. Results are S2's concern (analysis).
 * - The public questionnaire is anonymous: no session, the code in the body.
 */
export const surveysPolicy = {
  read: { allow: ['admin', 'lpr', 'coordinator'] },
  manage: { allow: ['admin', 'lpr', 'coordinator'] },
  public: { allow: ['public'] },
} as const satisfies Record<string, AccessRule>;

/** Whether the principal sees a survey with these municipalities at all. */
export function canSeeSurvey(principal: Principal, municipalities: readonly string[]): boolean {
  if (principal.role === 'admin' || principal.role === 'lpr') return true;
  if (principal.role === 'coordinator') return municipalities.some((a) => principal.communes.includes(a));
  return false;
}

/** Whether the principal may change a survey with these municipalities. */
export function canRunSurvey(principal: Principal, municipalities: readonly string[]): boolean {
  if (principal.role === 'admin' || principal.role === 'lpr') return true;
  if (principal.role === 'coordinator') return municipalities.length > 0 && municipalities.every((a) => principal.communes.includes(a));
  return false;
}

/** Whether the principal may work with one municipality of a survey (codes, letters, returns). */
export function canWorkIn(principal: Principal, ags: string): boolean {
  if (principal.role === 'admin' || principal.role === 'lpr') return true;
  return principal.role === 'coordinator' && principal.communes.includes(ags);
}

export const outOfScope = () => new AppError('forbidden-scope');
