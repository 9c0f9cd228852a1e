import type { Principal } from '../../../auth/principal.ts';
import type { AccessRule } from '../../../http/types.ts';

/*
 * Who may see the analysis of a citizen survey (decision 011). Every output is aggregated and
 * suppressed below k, so it carries no personal data; the research data set is microdata, though
 * anonymised, and stays with those who run the survey.
 * - Admin and LPR staff: everything, for every survey, also live during fieldwork.
 * - A coordinator: results of surveys that include one of its communes (also during fieldwork);
 *   margins and the research data set of surveys whose communes are all its own.
 * - Police: results of closed surveys of communes in its directorate – the survey asks about
 *   trust in the police, and the police are a party to the cooperation and the strategy workshop.
 * - Ministry: results of closed surveys (aggregated network figures, no microdata).
 * - Public: nothing (the commune publishes its report itself).
 */
export const analysisPolicy = {
  readResults: { allow: ['admin', 'lpr', 'coordinator', 'police', 'ministry'] },
  margins: { allow: ['admin', 'lpr', 'coordinator'] },
  researchData: { allow: ['admin', 'lpr', 'coordinator'] },
} as const satisfies Record<string, AccessRule>;

export interface SurveyScope {
  status: string;
  ags: readonly string[];
  /** District AGS of each of the survey's municipalities. */
  districts: readonly string[];
}

/** Whether the principal may read aggregated results of the survey. */
export function canReadResults(principal: Principal, s: SurveyScope, directorateDistricts: readonly string[]): boolean {
  switch (principal.role) {
    case 'admin':
    case 'lpr':
      return true;
    case 'coordinator':
      return s.ags.some((a) => principal.communes.includes(a));
    case 'police':
      return s.status === 'closed' && s.districts.some((d) => directorateDistricts.includes(d));
    case 'ministry':
      return s.status === 'closed';
    default:
      return false;
  }
}

/** Whether the principal may edit the margins and take the research data set. */
export function canRunAnalysis(principal: Principal, s: SurveyScope): boolean {
  if (principal.role === 'admin' || principal.role === 'lpr') return true;
  return principal.role === 'coordinator' && s.ags.length > 0 && s.ags.every((a) => principal.communes.includes(a));
}
