import { z } from 'zod';
import { decimalInt, idParam, pageOf } from './common.schema.ts';
import { LIMITS } from './limits.ts';

export const municipalitySchema = z.object({
  ags: z.string(),
  ars: z.string(),
  name: z.string(),
  typeCode: z.string(),
  districtAgs: z.string(),
  districtName: z.string(),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  population: z.number().int().nullable(),
  areaHa: z.number().nullable(),
  postcode: z.string().nullable(),
  active: z.boolean(),
});
export type Municipality = z.infer<typeof municipalitySchema>;

export const listMunicipalitiesQuerySchema = z.object({
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: z.string().max(LIMITS.searchMax).optional(),
  district: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  directorateId: idParam.optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
  sort: z.enum(['name', 'ags', 'population', 'district']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListMunicipalitiesQuery = z.infer<typeof listMunicipalitiesQuerySchema>;

export const directorateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  districts: z.array(z.object({ ags: z.string(), name: z.string() })),
  version: z.number().int(),
});
export type Directorate = z.infer<typeof directorateSchema>;

/** One page of municipalities with the source note of the directory (Destatis). */
export const municipalityPageSchema = pageOf(municipalitySchema).extend({ attribution: z.array(z.string()) });

export const districtSchema = z.object({
  ags: z.string(),
  name: z.string(),
  typeCode: z.string(),
  seat: z.string().nullable(),
  stateAgs: z.string(),
  population: z.number().int().nullable(),
  areaHa: z.number().nullable(),
  /** Active municipalities of the district. */
  municipalityCount: z.number().int(),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  active: z.boolean(),
  statusDate: z.string(),
});
export type District = z.infer<typeof districtSchema>;

export const listDistrictsQuerySchema = z.object({
  state: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
});
export type ListDistrictsQuery = z.infer<typeof listDistrictsQuerySchema>;

export const districtListSchema = z.object({ items: z.array(districtSchema), attribution: z.array(z.string()) });
