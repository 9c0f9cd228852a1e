import { FACT_BOX_FIGURES } from '../../../shared/alliance-labels.ts';
import type { FigureCounts, FigureKey } from '../../../shared/alliance.schema.ts';
import { PATHS } from '../../app/paths.ts';

/*
 * The public side of "every figure drills down" (decision 035), without the signed-in app's
 * navigation (the public page is an entry of its own, decision 020): the public page's own list of
 * what a figure counts, and the figures of the fact box with their links.
 */

export interface FigureArea {
  district?: string;
  directorateId?: number;
}

/** The id of the public page's list of what a figure counts (the links' target). */
export const PUBLIC_FIGURE_ROWS_ID = 'figure-rows';

/** The public page's list of what a figure counts at `at` in the area: names and dates only. */
export function publicFigureHref(key: FigureKey, at: string, area: FigureArea = {}): string {
  const q = new URLSearchParams({ at, figure: key });
  if (area.district) q.set('district', area.district);
  if (area.directorateId) q.set('directorateId', String(area.directorateId));
  return `${PATHS.publicPage}?${q.toString()}#${PUBLIC_FIGURE_ROWS_ID}`;
}

/**
 * The figures the fact box names, each with its value and the address of its list: in the order of
 * the text, the pre-agreements only when the text names them (when there are any).
 */
export function factBoxFigureLinks(
  counts: FigureCounts,
  hrefOf: (key: FigureKey) => string,
): { key: FigureKey; value: number; href: string }[] {
  return FACT_BOX_FIGURES.filter((key) => key !== 'preAgreements' || counts.preAgreements > 0).map((key) => ({
    key,
    value: counts[key],
    href: hrefOf(key),
  }));
}
