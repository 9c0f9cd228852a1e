/* What other modules use of the consistency check: the report (the demo's test reads it). */
export { checkConsistency } from './consistency.service.ts';
