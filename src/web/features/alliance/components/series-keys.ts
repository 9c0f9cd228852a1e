import type { FigureCounts } from '../../../../shared/alliance.schema.ts';

/** The figures the time series shows, in legend order. */
export const SERIES_KEYS: readonly (keyof FigureCounts)[] = [
  'inCollaboration',
  'advised',
  'communesCoveredByAgreements',
  'coachingRunning',
  'analysesCompleted',
];

/** Line colours at least 3:1 on white; dash patterns and symbols tell the lines apart without colour. */
export const SERIES_STYLES = [
  { color: '#0a5a9c', type: 'solid', symbol: 'circle', dash: '' },
  { color: '#b35900', type: 'dashed', symbol: 'rect', dash: '6 4' },
  { color: '#00795a', type: 'solid', symbol: 'triangle', dash: '' },
  { color: '#7a3e9d', type: 'dotted', symbol: 'diamond', dash: '2 3' },
  { color: '#495057', type: 'dashed', symbol: 'pin', dash: '6 4' },
] as const;
