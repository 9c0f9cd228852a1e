import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { idParam, decimalInt, isoDateSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  actorUserId: idParam.optional(),
  action: z.string().max(60).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
/** The audit trail download: the list's filters and the CSV dialect. */
export const auditExportQuerySchema = auditQuerySchema.extend({ dialect: csvDialectSchema });
