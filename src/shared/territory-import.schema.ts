import { z } from 'zod';

/*
 * Imports of territorial reference data (admin API and CLI) and the map payload.
 * Every import answers with a change report; with dryRun=true the same report is a preview.
 */

/** Most entries per list in a report; counts are always complete. */
export const IMPORT_REPORT_LIST_MAX = 500;

/** The encodings an imported text file is read in (a byte order mark, else valid UTF-8, else Windows-1252). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const textEncodingSchema = z.enum(TEXT_ENCODINGS).describe('encoding the file was read in');

const dryRun = z.enum(['true', 'false']).default('false').describe('true: report the changes without saving them (preview)');

export const gv100adImportQuerySchema = z.object({
  dryRun,
  state: z
    .string()
    .regex(/^(\d{2}|all)$/, { message: 'two digits (e.g. 14) or all' })
    .optional()
    .describe('State to import (2-digit AGS prefix) or all; default: the configured DEFAULT_STATE'),
});
export type Gv100adImportQuery = z.infer<typeof gv100adImportQuerySchema>;

export const directoratesImportQuerySchema = z.object({ dryRun });

export const boundaryLevelSchema = z.enum(['municipalities', 'districts']);
export type BoundaryLevelName = z.infer<typeof boundaryLevelSchema>;

export const boundariesImportQuerySchema = z.object({
  dryRun,
  level: boundaryLevelSchema.default('municipalities'),
});

/** JSON body of an import from a URL; a file is uploaded as multipart/form-data instead. */
export const importUrlBodySchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('http(s) address of the file (a ZIP with one matching file is unpacked)'),
  })
  .strict();

const agsName = z.object({ ags: z.string(), name: z.string() });
const changeCounts = z.object({ added: z.number().int(), updated: z.number().int(), deactivated: z.number().int() });

export const gv100adReportSchema = z.object({
  kind: z.literal('gv100ad'),
  dryRun: z.boolean(),
  /** False when the file matched the database: nothing was (or would be) written. */
  changed: z.boolean(),
  source: z.string(),
  encoding: textEncodingSchema,
  statusDate: z.string(),
  state: z.string().nullable(),
  records: z.object({
    states: z.number().int(),
    districts: z.number().int(),
    associations: z.number().int(),
    municipalities: z.number().int(),
    skippedRegions: z.number().int(),
    skippedWithoutDistrict: z.number().int(),
  }),
  counts: z.object({
    added: z.number().int(),
    renamed: z.number().int(),
    updated: z.number().int(),
    merged: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
  }),
  municipalities: z.object({
    /** New AGS, or an inactive municipality that is back in the file. */
    added: z.array(agsName.extend({ reactivated: z.boolean() })),
    renamed: z.array(z.object({ ags: z.string(), from: z.string(), to: z.string() })),
    /** Changes other than the name (population, area, type, postcode, keys). */
    updated: z.array(agsName.extend({ fields: z.array(z.string()) })),
    /** No longer in the file, marked inactive; `into`: municipalities of the district that gained its area. */
    merged: z.array(agsName.extend({ into: z.array(z.string()) })),
    /** No longer in the file, marked inactive, with no successor in sight. */
    removed: z.array(agsName),
  }),
  districts: changeCounts,
  associations: changeCounts,
  /** True when a list was cut at IMPORT_REPORT_LIST_MAX entries. */
  truncated: z.boolean(),
  attribution: z.array(z.string()),
});
export type Gv100adReport = z.infer<typeof gv100adReportSchema>;

export const directoratesReportSchema = z.object({
  kind: z.literal('directorates'),
  dryRun: z.boolean(),
  changed: z.boolean(),
  source: z.string(),
  encoding: textEncodingSchema,
  directorates: z.array(z.object({ name: z.string(), districts: z.array(agsName) })),
  added: z.array(z.string()),
  renamed: z.array(z.object({ from: z.string(), to: z.string() })),
  updated: z.array(z.object({ name: z.string(), districtsAdded: z.array(z.string()), districtsRemoved: z.array(z.string()) })),
  /** Directorates the file does not list: kept (accounts and agreements refer to them), without districts. */
  unlisted: z.array(z.object({ name: z.string(), districtsRemoved: z.array(z.string()) })),
  /** Active districts of the file's states that no directorate covers. */
  uncoveredDistricts: z.array(agsName),
});
export type DirectoratesReport = z.infer<typeof directoratesReportSchema>;

export const boundariesReportSchema = z.object({
  kind: z.literal('boundaries'),
  dryRun: z.boolean(),
  changed: z.boolean(),
  source: z.string(),
  level: boundaryLevelSchema,
  features: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** Features whose key is an active entry of the directory. */
  matched: z.number().int(),
  /** Active directory entries of the file's states without a boundary. */
  missingBoundaries: z.array(agsName),
  /** Boundaries whose key is no active entry of the directory. */
  unmatchedBoundaries: z.array(agsName),
  /** District outlines in the map: imported, or derived from the municipalities. */
  districtOutlines: z.enum(['imported', 'derived', 'none']),
  payloadBytes: z.number().int(),
  payloadGzipBytes: z.number().int(),
});
export type BoundariesReport = z.infer<typeof boundariesReportSchema>;

/** GET /api/map/municipalities: simplified TopoJSON of municipalities and districts, with attribution. */
export const mapPayloadSchema = z.object({
  attribution: z.array(z.string()),
  attributionLinks: z.record(z.string(), z.string()),
  sources: z.object({ municipalities: z.string().nullable(), districts: z.string().nullable() }),
  districtOutlines: z.enum(['imported', 'derived', 'none']),
  /** TopoJSON (RFC-style spec 1.0): objects `municipalities` (ags, name, districtAgs) and `districts` (ags, name). */
  topology: z.object({
    type: z.literal('Topology'),
    objects: z.record(z.string(), z.unknown()),
    arcs: z.array(z.unknown()),
    transform: z.object({ scale: z.array(z.number()), translate: z.array(z.number()) }).optional(),
    bbox: z.array(z.number()).optional(),
  }),
});
export type MapPayload = z.infer<typeof mapPayloadSchema>;
