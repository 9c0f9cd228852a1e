/* What other modules use of the effects: the statewide effects per field of action of a year (the annual report). */
export { statewideEffects } from './effects.service.ts';
export type { StatewideEffects } from '../../../shared/effects.schema.ts';
export type * from './effects.tables.ts';
