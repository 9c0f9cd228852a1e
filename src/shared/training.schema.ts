import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { decimalInt, idParam, isoDateSchema, nameText, versionSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';
import { idSchema, optionalText } from './organisations.schema.ts';

/*
 * Training: programmes (the Beccaria qualification "Fachkraft für Kriminalprävention" with four
 * modules of two weekends each, the part-time study programme Präventionsmanagement B.A./M.A.,
 * workshops), courses or cohorts with dates and places and a capacity, enrolments of people with
 * attendance per module and completion, a PDF certificate, and figures per municipality, district
 * and year.
 */

export const PROGRAMME_KINDS = ['qualification', 'study', 'workshop'] as const;
export const programmeKindSchema = z.enum(PROGRAMME_KINDS);
export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'withdrawn'] as const;
export const enrolmentStatusSchema = z.enum(ENROLMENT_STATUSES);

export const programmeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: programmeKindSchema,
  name: z.string(),
  nameEn: z.string(),
  modules: z.array(z.object({ position: z.number().int(), name: z.string(), nameEn: z.string() })),
});
export type Programme = z.infer<typeof programmeSchema>;

export const courseDateInputSchema = z.object({
  modulePosition: z.number().int().min(1).max(20).nullable().default(null),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  place: optionalText(200).default(''),
});

export const createCourseSchema = z.object({
  programmeId: idSchema,
  title: nameText(LIMITS.nameMax).describe('e.g. "Jahrgang 2026"'),
  place: optionalText(200).default(''),
  capacity: z.number().int().min(1).max(1000),
  dates: z.array(courseDateInputSchema).max(40).default([]),
  notes: optionalText(4000).default(''),
});
export type CreateCourseInput = z.infer<typeof createCourseSchema>;

export const updateCourseSchema = z.object({
  version: versionSchema,
  title: nameText(LIMITS.nameMax).optional(),
  place: optionalText(200).optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  dates: z.array(courseDateInputSchema).max(40).optional(),
  notes: optionalText(4000).optional(),
});
export type UpdateCourseInput = z.infer<typeof updateCourseSchema>;

export const enrolmentSchema = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  ags: z.string().nullable(),
  municipalityName: z.string().nullable(),
  status: enrolmentStatusSchema,
  enrolledOn: z.string(),
  completedOn: z.string().nullable(),
  attendedModules: z.array(z.number().int()),
  certificateNumber: z.string().nullable(),
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const courseSchema = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  programmeName: z.string(),
  programmeKind: programmeKindSchema,
  title: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  free: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  dates: z.array(z.object({ modulePosition: z.number().int().nullable(), startsOn: z.string(), endsOn: z.string(), place: z.string() })),
  modules: z.array(z.object({ position: z.number().int(), name: z.string() })),
  enrolments: z.array(enrolmentSchema).describe('Only the enrolments the caller may see'),
  notes: z.string(),
  version: z.number().int(),
});
export type Course = z.infer<typeof courseSchema>;
export const courseSummarySchema = courseSchema.omit({ enrolments: true, dates: true, modules: true });

export const coursesQuerySchema = z.object({
  programmeId: idParam.optional(),
  year: decimalInt(1990, 2100).optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const enrolSchema = z.object({ personId: idSchema, enrolledOn: isoDateSchema.optional() });
export type EnrolInput = z.infer<typeof enrolSchema>;

export const updateEnrolmentSchema = z.object({
  version: versionSchema,
  attendedModules: z.array(z.number().int().min(1).max(20)).max(20).optional(),
  status: enrolmentStatusSchema.optional(),
  completedOn: isoDateSchema.nullable().optional(),
});
export type UpdateEnrolmentInput = z.infer<typeof updateEnrolmentSchema>;

export const trainingFiguresQuerySchema = z.object({
  level: z.enum(['municipality', 'district']).default('district'),
  year: decimalInt(1990, 2100).optional(),
  programmeId: idParam.optional(),
});
export const trainingFiguresSchema = z.object({
  level: z.enum(['municipality', 'district']),
  rows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      year: z.number().int(),
      enrolments: z.number().int(),
      completions: z.number().int(),
      withdrawn: z.number().int(),
    }),
  ),
  totals: z.object({ enrolments: z.number().int(), completions: z.number().int(), withdrawn: z.number().int() }),
});
export type TrainingFigures = z.infer<typeof trainingFiguresSchema>;
export const trainingExportQuerySchema = trainingFiguresQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
});
export const enrolmentParamSchema = z.object({ id: idParam });
