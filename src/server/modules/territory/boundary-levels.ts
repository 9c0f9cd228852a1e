/** The levels a boundary file describes; apart from the parser so the command's help can name them cheaply. */
export const BOUNDARY_LEVELS = ['municipalities', 'districts'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];
