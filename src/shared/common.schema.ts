import { z } from 'zod';
import { LIMITS } from './limits.ts';

/** An 8-digit official municipality key (Amtlicher Gemeindeschlüssel). */
export const agsSchema = z.string().regex(/^\d{8}$/, { message: 'AGS: 8 Ziffern / 8 digits' });

/** The largest value of a PostgreSQL `integer` column (ids, versions, counts): SQLite would take more. */
export const INT4_MAX = 2_147_483_647;

/** An id in a JSON body: a positive whole number that fits the `integer` id columns. */
export const idSchema = z.number().int().positive().max(INT4_MAX);

/**
 * A whole number in a path or query string: decimal digits only, so `0x10`, `1e1`, `+16`, ` 16`
 * and `016` are refused instead of read as 16, and within [min, max] (at most INT4_MAX).
 */
export function decimalInt(min: number, max: number) {
  const message = `Ganze Zahl von ${min} bis ${max}, nur Ziffern / whole number from ${min} to ${max}, digits only`;
  // The pattern is also what the OpenAPI document shows: positive numbers have no sign and no leading zero.
  const pattern = min >= 1 ? /^[1-9][0-9]{0,9}$/ : min >= 0 ? /^(0|[1-9][0-9]{0,9})$/ : /^(0|-?[1-9][0-9]{0,9})$/;
  return z.string().regex(pattern, { message }).transform(Number).pipe(z.number().int().min(min, { message }).max(max, { message }));
}

/** An id in a path or query string: decimal digits, 1 to INT4_MAX. */
export const idParam = decimalInt(1, INT4_MAX);
export const idParamSchema = z.object({ id: idParam });
export const versionSchema = z.number().int().positive().max(INT4_MAX);

/** A calendar day (YYYY-MM-DD) from 1990-01-01 to 2100-12-31: the product's dates are recent or planned. */
export const isoDateSchema = isoDateBetween('1990-01-01', '2100-12-31');

/** A calendar day (YYYY-MM-DD) within [from, to], for the few fields that need a wider range (a founding year). */
export function isoDateBetween(from: string, to: string) {
  const message = `Datum von ${from} bis ${to} / date from ${from} to ${to}`;
  return z.iso.date().refine((d) => d >= from && d <= to, { message });
}

/**
 * Bidirectional control characters (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069) can
 * make a name display as something else (a right-to-left override turns "evil.exe" around).
 */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A name of a person, organisation, council, project or user: trimmed, 1 to max characters, no bidirectional controls. */
export function nameText(max = 200) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !BIDI_CONTROL.test(s), {
      message: 'Unzulässiges Steuerzeichen (Schreibrichtung) / invalid bidirectional control character',
    });
}

export const pageQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
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
