import { z } from 'zod';
import { LIMITS } from './limits.ts';

/** An 8-digit official municipality key (Amtlicher Gemeindeschlüssel). */
export const agsSchema = z.string().regex(/^\d{8}$/, { message: 'AGS: 8 Ziffern / 8 digits' });
export const isoDateSchema = z.iso.date();
export const idParamSchema = z.object({ id: z.coerce.number().int().positive() });
export const versionSchema = z.number().int().positive();

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

/** The envelope of every paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** RFC 9457 problem details, with field errors. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
});
z.globalRegistry.add(problemSchema, { id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
