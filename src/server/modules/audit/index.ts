/* The audit trail, as other modules use it: every change is recorded in its own transaction. */
export { recordAudit } from './audit.service.ts';
