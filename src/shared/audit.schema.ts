import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { idParam, decimalInt, isoDateSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string().describe('The e-mail address of the account at the time of the change, or "system"'),
  actorName: z.string().nullable().describe('The display name of the account, while it exists'),
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

/** The actions and entity types the trail holds, for the filter's choices. */
export const auditFacetsSchema = z.object({ actions: z.array(z.string()), entityTypes: z.array(z.string()) });
export type AuditFacets = z.infer<typeof auditFacetsSchema>;
