/* The row types of this module's tables live in the database layer (src/server/db/tables/effects.ts), beside the
 * schema they are checked against (decision 016); the module keeps its names for them. */
export type * from '../../db/tables/effects.ts';
