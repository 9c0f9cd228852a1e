import { decimalInt, idParam, idSchema, INT4_MAX, isoDateSchema, versionSchema } from './common.schema.ts';
import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { LIMITS } from './limits.ts';
import { textEncodingSchema } from './territory-import.schema.ts';

/*
 * Police crime statistics (PKS): imports of BKA table T01 per district and of municipality figures
 * from the state police, the offence catalogue with its fields of action, indicators, exports and
 * charts. Every data response carries the attribution and the year(s) it shows.
 */

/** An offence key of the PKS: 6 characters, digits with `*` wildcards in summary keys, `------` = all offences. */
export const offenceKeySchema = z
  .string()
  .regex(/^(------|[0-9*]{6})$/, { message: 'Schlüssel: 6 Zeichen (Ziffern, *) oder ------ / key: 6 characters' });
export const ALL_OFFENCES = '------';
/** Summary keys the views offer first (the domain brief's "offence groups"). */
export const SUMMARY_KEYS = ['------', '890000', '892000', '899000', '897000', '****00', '674000', '730000'] as const;

export const yearSchema = decimalInt(1990, 2100);
export const districtAgsSchema = z.string().regex(/^\d{5}$/, { message: 'Kreisschlüssel: 5 Ziffern / district key: 5 digits' });
const dryRun = z
  .enum(['true', 'false'])
  .default('false')
  .describe('true: check the file and report counts and warnings without saving (preview)');

export const pksImportQuerySchema = z.object({
  year: yearSchema.describe('Reporting year of the file; a file that states another year is refused'),
  dryRun,
});

export const importIssueSchema = z.object({ line: z.number().int().nullable(), field: z.string(), code: z.string(), message: z.string() });

export const pksImportReportSchema = z.object({
  kind: z.literal('pks-t01'),
  dryRun: z.boolean(),
  source: z.string(),
  sha256: z.string(),
  encoding: textEncodingSchema,
  year: z.number().int(),
  /** Where the file states its year: a year column, a title line, the file name; or only the --year option. */
  yearFrom: z.enum(['column', 'title', 'file-name', 'option']),
  rows: z.number().int(),
  districts: z.number().int(),
  offenceKeys: z.number().int(),
  /** Districts of the file that the imported directory also lists (e.g. Saxony's 13). */
  districtsInDirectory: z.number().int(),
  newOffenceKeys: z.array(z.string()),
  /** Columns found by header name, and optional ones missing. */
  columns: z.object({ found: z.array(z.string()), missingOptional: z.array(z.string()), ignored: z.array(z.string()) }),
  /** The rows of this year stored before, which this import replaces. */
  replaced: z.object({ rows: z.number().int(), source: z.string().nullable(), importedAt: z.string().nullable() }).nullable(),
  warnings: z.array(importIssueSchema),
  warningCount: z.number().int(),
  attribution: z.array(z.string()),
});
export type PksImportReport = z.infer<typeof pksImportReportSchema>;

// ---- municipality figures: saved column mappings ----

export const mappingColumnsSchema = z
  .object({
    ags: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullish()
      .describe('Column with the 8-digit AGS (or the municipality name column must be given)'),
    municipalityName: z.string().trim().min(1).max(200).nullish(),
    offenceKey: z.string().trim().min(1).max(200).nullish().describe('Column with the offence key; or give fixedOffenceKey'),
    year: z.string().trim().min(1).max(200).nullish().describe('Column with the year; or give the year on import'),
    cases: z.string().trim().min(1).max(200),
    suspects: z.string().trim().min(1).max(200).nullish(),
    cleared: z.string().trim().min(1).max(200).nullish(),
    population: z.string().trim().min(1).max(200).nullish().describe('Column with the population the state police used, if any'),
  })
  .strict();

export const mappingInputSchema = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.nameMax),
    /** Label of the publisher shown with the figures, e.g. "Landeskriminalamt Sachsen". */
    sourceLabel: z.string().trim().min(1).max(LIMITS.nameMax),
    sheet: z.string().trim().min(1).max(200).nullish().describe('XLSX: sheet name; default the first sheet'),
    delimiter: z.enum([';', ',', '\t']).nullish().describe('CSV: delimiter; default detected'),
    fixedOffenceKey: offenceKeySchema.nullish(),
    columns: mappingColumnsSchema,
    /** Manual assignments of names that match no municipality: name in the file → AGS. */
    assignments: z.record(z.string().min(1).max(200), z.string().regex(/^\d{8}$/)).default({}),
  })
  .strict()
  .refine((m) => m.columns.ags || m.columns.municipalityName, {
    message: 'ags or municipalityName column required',
    path: ['columns', 'ags'],
  })
  .refine((m) => m.columns.offenceKey || m.fixedOffenceKey, {
    message: 'offenceKey column or fixedOffenceKey required',
    path: ['columns', 'offenceKey'],
  });
export type MappingInput = z.infer<typeof mappingInputSchema>;
export const mappingUpdateSchema = z.object({ version: versionSchema, mapping: mappingInputSchema }).strict();

export const mappingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sourceLabel: z.string(),
  sheet: z.string().nullable(),
  delimiter: z.string().nullable(),
  fixedOffenceKey: z.string().nullable(),
  columns: mappingColumnsSchema,
  assignments: z.record(z.string(), z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Mapping = z.infer<typeof mappingSchema>;

export const municipalImportQuerySchema = z.object({
  mappingId: idParam,
  year: yearSchema.optional().describe('Year of all rows, when the mapping has no year column'),
  dryRun,
});

export const municipalImportReportSchema = z.object({
  kind: z.literal('municipal'),
  dryRun: z.boolean(),
  source: z.string(),
  sha256: z.string(),
  format: z.enum(['xlsx', 'csv']),
  mappingId: z.number().int(),
  sourceLabel: z.string(),
  years: z.array(z.number().int()),
  rows: z.number().int(),
  municipalities: z.number().int(),
  /** Names that match no municipality: assign them in the mapping (assignments) and import again. */
  unmatched: z.array(
    z.object({ line: z.number().int(), name: z.string(), suggestions: z.array(z.object({ ags: z.string(), name: z.string() })) }),
  ),
  replaced: z.number().int(),
  warnings: z.array(importIssueSchema),
  attribution: z.array(z.string()),
});
export type MunicipalImportReport = z.infer<typeof municipalImportReportSchema>;

export const municipalColumnsQuerySchema = z.object({
  sheet: z.string().trim().min(1).max(200).optional().describe('XLSX: the sheet to read; default the first'),
  delimiter: z.enum([';', ',', '\t']).optional().describe('CSV: delimiter; default detected'),
});

/** What a municipality file holds, to map its columns: sheets, the header line found, its column names, the first rows, suggested columns. */
export const municipalColumnsReportSchema = z.object({
  source: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: textEncodingSchema.nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  delimiter: z.string().nullable(),
  /** 1-based line (row) of the header; null when no line looks like one. */
  headerLine: z.number().int().nullable(),
  columns: z.array(z.string()),
  /** The first data rows below the header (cells as text), for a look at the content. */
  sample: z.array(z.array(z.string())),
  dataRows: z.number().int(),
  /** Columns whose names look like a field of the mapping (a suggestion, to be checked by the user). */
  suggested: z.object({
    ags: z.string().nullable(),
    municipalityName: z.string().nullable(),
    offenceKey: z.string().nullable(),
    year: z.string().nullable(),
    cases: z.string().nullable(),
    suspects: z.string().nullable(),
    cleared: z.string().nullable(),
    population: z.string().nullable(),
  }),
});
export type MunicipalColumnsReport = z.infer<typeof municipalColumnsReportSchema>;

export const importListItemSchema = z.object({
  id: z.number().int(),
  level: z.enum(['district', 'municipality']),
  year: z.number().int(),
  source: z.string(),
  sourceLabel: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  demo: z.boolean(),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type ImportListItem = z.infer<typeof importListItemSchema>;

export const importListQuerySchema = z.object({
  latest: z.enum(['true', 'false']).optional().describe('true: only the newest import run of each level (district, municipality)'),
  importedBefore: isoDateSchema
    .optional()
    .describe('Only the runs imported before this calendar day (Europe/Berlin); with latest=true the stale imports (decision 038)'),
});
export type ImportListQuery = z.infer<typeof importListQuerySchema>;

// ---- catalogue ----

export const fieldOfActionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
});
export type FieldOfAction = z.infer<typeof fieldOfActionSchema>;
export const fieldOfActionInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/),
    name: z.string().trim().min(1).max(LIMITS.nameMax),
    nameEn: z.string().trim().min(1).max(LIMITS.nameMax),
  })
  .strict();

export const offenceSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** A summary key (Summenschlüssel): `------`, keys with `*`, and the 8xxxxx groups. */
  summary: z.boolean(),
  fieldsOfAction: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
  /** Version of the key's fields of action: a change sends it back and fails with 409 when it is stale. */
  version: z.number().int(),
});
export type Offence = z.infer<typeof offenceSchema>;
export const offenceKeyParamSchema = z.object({ key: offenceKeySchema });
export const offenceFieldsInputSchema = z
  .object({
    fieldIds: z.array(idSchema).max(50),
    version: z
      .number()
      .int()
      .positive()
      .max(INT4_MAX)
      .describe('The version the change is based on (409 with the current entry when stale)'),
  })
  .strict();
export const catalogueSchema = z.object({
  offences: z.array(offenceSchema),
  fieldsOfAction: z.array(fieldOfActionSchema),
  summaryKeys: z.array(z.string()),
});

// ---- indicators ----

export const hzSourceSchema = z
  .enum(['file', 'directory', 'none'])
  .describe(
    'file: HZ as published (population of 31 Dec of the previous year); directory: computed from the directory population; none: no population',
  );
const attribution = { attribution: z.array(z.string()).describe('Source notes to show with the data, with the year(s)') };

export const indicatorQuerySchema = z.object({
  year: yearSchema.optional().describe('Default: the latest imported year'),
  offence: offenceKeySchema.default('------'),
  state: z
    .string()
    .regex(/^(\d{2}|all)$/)
    .optional()
    .describe('2-digit state key or all; default the configured state'),
});

export const districtIndicatorSchema = z.object({
  ags: z.string(),
  name: z.string(),
  stateAgs: z.string(),
  districtType: z.string().nullable(),
  cases: z.number().int(),
  hz: z.number().nullable(),
  hzSource: hzSourceSchema,
  cleared: z.number().int().nullable(),
  clearanceRate: z.number().nullable(),
  suspects: z.number().int().nullable(),
  previousCases: z.number().int().nullable(),
  changeCasesPct: z.number().nullable(),
  changeHzPct: z.number().nullable(),
  /** Least-squares slope of HZ over the last 5 years (incl. this), in % of the mean HZ per year; null with fewer than 3 years. */
  trend5yPctPerYear: z.number().nullable(),
  trend5yYears: z.number().int(),
  stateHz: z.number().nullable(),
  nationalHz: z.number().nullable(),
  /** HZ relative to the state's: (hz / stateHz − 1) × 100. */
  vsStatePct: z.number().nullable(),
  rankInState: z.number().int().nullable(),
  rankNational: z.number().int().nullable(),
});
export type DistrictIndicator = z.infer<typeof districtIndicatorSchema>;

export const districtIndicatorsSchema = z.object({
  year: z.number().int().nullable(),
  offence: z.object({ key: z.string(), name: z.string() }),
  state: z.string().nullable(),
  years: z.array(z.number().int()),
  districtsInState: z.number().int(),
  districtsNational: z.number().int(),
  stateHz: z.number().nullable(),
  nationalHz: z.number().nullable(),
  /** Quintile breaks of HZ for a choropleth map (ascending). */
  classBreaks: z.array(z.number()),
  items: z.array(districtIndicatorSchema),
  ...attribution,
});
export type DistrictIndicators = z.infer<typeof districtIndicatorsSchema>;

export const districtParamSchema = z.object({ districtAgs: districtAgsSchema });
export const seriesQuerySchema = z.object({ offence: offenceKeySchema.default('------') });

const seriesPointSchema = z.object({
  year: z.number().int(),
  cases: z.number().int(),
  hz: z.number().nullable(),
  hzSource: hzSourceSchema,
  cleared: z.number().int().nullable(),
  clearanceRate: z.number().nullable(),
  suspects: z.number().int().nullable(),
  changeCasesPct: z.number().nullable(),
  comparisonHz: z.number().nullable(),
  stateHz: z.number().nullable(),
  nationalHz: z.number().nullable(),
  rankInState: z.number().int().nullable(),
  rankNational: z.number().int().nullable(),
});

export const districtDetailSchema = z.object({
  district: z.object({ ags: z.string(), name: z.string(), stateAgs: z.string(), inDirectory: z.boolean() }),
  offence: z.object({ key: z.string(), name: z.string() }),
  series: z.array(seriesPointSchema),
  trend5yPctPerYear: z.number().nullable(),
  /** The latest year: every offence key of the district. */
  latestYear: z.number().int().nullable(),
  offences: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      summary: z.boolean(),
      cases: z.number().int(),
      hz: z.number().nullable(),
      clearanceRate: z.number().nullable(),
      changeCasesPct: z.number().nullable(),
    }),
  ),
  ...attribution,
});
export type DistrictDetail = z.infer<typeof districtDetailSchema>;

export const municipalityIndicatorQuerySchema = indicatorQuerySchema.omit({ state: true }).extend({
  districtAgs: districtAgsSchema.optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeMax),
});

export const municipalityIndicatorSchema = z.object({
  ags: z.string(),
  name: z.string(),
  districtAgs: z.string(),
  districtName: z.string().nullable(),
  cases: z.number().int(),
  population: z.number().int().nullable(),
  hz: z.number().nullable(),
  hzSource: hzSourceSchema,
  cleared: z.number().int().nullable(),
  clearanceRate: z.number().nullable(),
  suspects: z.number().int().nullable(),
  changeCasesPct: z.number().nullable(),
  trend5yPctPerYear: z.number().nullable(),
  districtHz: z.number().nullable(),
  stateHz: z.number().nullable(),
  rankInDistrict: z.number().int().nullable(),
  /** Figures of `praevis demo`: fictional. */
  fictional: z.boolean(),
  sourceLabel: z.string(),
});
export const municipalityIndicatorsSchema = z.object({
  year: z.number().int().nullable(),
  offence: z.object({ key: z.string(), name: z.string() }),
  years: z.array(z.number().int()),
  items: z.array(municipalityIndicatorSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  classBreaks: z.array(z.number()),
  ...attribution,
});
export const municipalityParamSchema = z.object({ ags: z.string().regex(/^\d{8}$/) });
export const municipalityDetailSchema = z.object({
  municipality: z.object({
    ags: z.string(),
    name: z.string(),
    districtAgs: z.string(),
    districtName: z.string().nullable(),
    population: z.number().int().nullable(),
  }),
  offence: z.object({ key: z.string(), name: z.string() }),
  series: z.array(
    seriesPointSchema.extend({
      fictional: z.boolean(),
      sourceLabel: z.string(),
      /** The population the HZ uses: the file's (hzSource file) or the directory's (hzSource directory). */
      population: z.number().int().nullable(),
    }),
  ),
  trend5yPctPerYear: z.number().nullable(),
  /** The latest year with figures of any key for the municipality, and every key of that year. */
  latestYear: z.number().int().nullable(),
  offences: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      summary: z.boolean(),
      cases: z.number().int(),
      hz: z.number().nullable(),
      clearanceRate: z.number().nullable(),
      changeCasesPct: z.number().nullable(),
    }),
  ),
  ...attribution,
});
export type MunicipalityDetail = z.infer<typeof municipalityDetailSchema>;
export type MunicipalityIndicators = z.infer<typeof municipalityIndicatorsSchema>;

export const yearsSchema = z.object({
  district: z.array(
    z.object({
      year: z.number().int(),
      rows: z.number().int(),
      districts: z.number().int(),
      source: z.string().nullable(),
      importedAt: z.string().nullable(),
    }),
  ),
  municipality: z.array(
    z.object({ year: z.number().int(), rows: z.number().int(), municipalities: z.number().int(), fictional: z.boolean() }),
  ),
  ...attribution,
});

// ---- exports and charts ----

export const exportQuerySchema = z.object({
  level: z.enum(['districts', 'municipalities']).default('districts'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
  year: yearSchema.optional(),
  offence: offenceKeySchema.default('------'),
  state: z
    .string()
    .regex(/^(\d{2}|all)$/)
    .optional(),
  districtAgs: districtAgsSchema.optional(),
});
export type CrimeExportQuery = z.infer<typeof exportQuerySchema>;

export const CHART_KINDS = ['district-series', 'district-comparison', 'municipality-series'] as const;
export const chartParamSchema = z.object({ kind: z.enum(CHART_KINDS) });
export const chartQuerySchema = z.object({
  format: z.enum(['svg', 'json']).default('svg').describe('svg: rendered on the server; json: the ECharts option for the web'),
  offence: offenceKeySchema.default('------'),
  year: yearSchema.optional(),
  state: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  districtAgs: districtAgsSchema.optional().describe('district-series: required'),
  ags: z
    .string()
    .regex(/^\d{8}$/)
    .optional()
    .describe('municipality-series: required'),
  width: decimalInt(200, 2000).default(800),
  height: decimalInt(150, 1500).default(400),
});
export const chartDefinitionSchema = z.object({
  kind: z.enum(CHART_KINDS),
  title: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** ECharts option (the same object the server renders to SVG). */
  option: z.record(z.string(), z.unknown()),
  /** The data as a table, the accessible alternative to the chart. */
  table: z.object({ header: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) }),
  ...attribution,
});
export type ChartDefinition = z.infer<typeof chartDefinitionSchema>;
