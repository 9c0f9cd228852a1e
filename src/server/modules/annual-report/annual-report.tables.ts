/* The row types of this module's table live in the database layer (src/server/db/tables/annual-report.ts), beside the
 * schema they are checked against (decision 016); the module keeps its names for them. */
export type * from '../../db/tables/annual-report.ts';
