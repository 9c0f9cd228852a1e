import {
  AGREEMENT_FIGURES,
  type AgreementFigure,
  type FigureKey,
  MUNICIPALITY_FIGURES,
  type MunicipalityFigure,
} from '../../../shared/alliance.schema.ts';
import { PATHS, SECTIONS } from '../../app/navigation.ts';
import { toQueryString } from '../../lib/api-client.ts';
import type { FigureArea } from './figure-links.ts';

/*
 * Every figure drills down (issue 14, decision 035): the address of the list of exactly the
 * municipalities or records a figure counts at a date, in an area. The server filters with the
 * same rule the figure counts with, so the list has as many rows as the figure says.
 */

export type { FigureArea } from './figure-links.ts';

export const isMunicipalityFigure = (key: string): key is MunicipalityFigure => (MUNICIPALITY_FIGURES as readonly string[]).includes(key);
export const isAgreementFigure = (key: string): key is AgreementFigure => (AGREEMENT_FIGURES as readonly string[]).includes(key);

/** The list a figure counts at `at` (statewide without an area). */
export function figureHref(key: FigureKey, at: string, area: FigureArea = {}): string {
  const statewide = area.district === undefined && area.directorateId === undefined;
  // Statewide, the coaching and analysis figures open their modules' lists (records and historic rows).
  if (key === 'coachingRunning' && statewide) return `${SECTIONS.coaching.path}${toQueryString({ runningAt: at })}`;
  if (key === 'analysesCompleted')
    return `${SECTIONS.securityAnalyses.path}${toQueryString({ completedBy: at, district: area.district, directorateId: area.directorateId })}`;
  if (isAgreementFigure(key)) return `${PATHS.agreementFigure}${toQueryString({ figure: key, at, ...area })}`;
  return `${SECTIONS.municipalities.path}${toQueryString({ figure: key, at, ...area })}`;
}
