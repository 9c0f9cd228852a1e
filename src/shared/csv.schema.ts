import { z } from 'zod';

/**
 * The CSV dialects of every CSV download (decision 034). `excel-de` is what German Excel opens
 * into columns on a double click: semicolon, UTF-8 with BOM, decimal comma. `rfc4180` is the
 * interchange form for programs: comma, no BOM, decimal point. Both end lines with CRLF.
 */
export const CSV_DIALECTS = ['excel-de', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** The `dialect` query parameter of a CSV download; German Excel unless asked otherwise. */
export const csvDialectSchema = z
  .enum(CSV_DIALECTS)
  .default('excel-de')
  .describe('CSV only: excel-de (semicolon, UTF-8 with BOM, decimal comma; the default) or rfc4180 (comma, no BOM, decimal point)');

/** The query of a CSV download: only its dialect. */
export const csvDialectQuerySchema = z.object({ dialect: csvDialectSchema });
