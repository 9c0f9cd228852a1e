import { z } from 'zod';
import {
  agsSchema,
  decimalInt,
  idParam as idValue,
  idSchema as commonIdSchema,
  isoDateSchema,
  nameText,
  versionSchema,
} from './common.schema.ts';
import { LIMITS } from './limits.ts';

/*
 * Organisations (institutions of a municipality: administration, police station, schools, …) and
 * the people who work in them. People are personal data: every record names its legal basis and
 * purpose (GDPR Art. 6), consent where consent is the basis, and can be exported (Art. 15/20) and
 * erased (Art. 17). See docs/decisions/013-councils-gdpr-and-calendar.md.
 */

type Text = { de: string; en: string };

export const ORGANISATION_TYPES = ['administration', 'police', 'school', 'youth', 'association', 'church', 'business', 'other'] as const;
export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, Text> = {
  administration: { de: 'Verwaltung', en: 'Administration unit' },
  police: { de: 'Polizeirevier', en: 'Police station' },
  school: { de: 'Schule', en: 'School' },
  youth: { de: 'Jugendclub / Jugendarbeit', en: 'Youth club / youth work' },
  association: { de: 'Verein / Verband', en: 'Association' },
  church: { de: 'Kirche / Religionsgemeinschaft', en: 'Church' },
  business: { de: 'Wirtschaft / Unternehmen', en: 'Business' },
  other: { de: 'Sonstige', en: 'Other' },
};

/** GDPR Art. 6(1) (a)–(f). */
export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'] as const;
export const legalBasisSchema = z.enum(LEGAL_BASES);
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const LEGAL_BASIS_LABELS: Record<LegalBasis, Text> = {
  consent: { de: 'Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)', en: 'Consent (Art. 6(1)(a) GDPR)' },
  contract: { de: 'Vertrag (Art. 6 Abs. 1 lit. b DSGVO)', en: 'Contract (Art. 6(1)(b) GDPR)' },
  legal_obligation: { de: 'Rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO)', en: 'Legal obligation (Art. 6(1)(c) GDPR)' },
  vital_interest: { de: 'Lebenswichtige Interessen (Art. 6 Abs. 1 lit. d DSGVO)', en: 'Vital interests (Art. 6(1)(d) GDPR)' },
  public_task: { de: 'Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO)', en: 'Public task (Art. 6(1)(e) GDPR)' },
  legitimate_interest: { de: 'Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)', en: 'Legitimate interest (Art. 6(1)(f) GDPR)' },
};

export const ORG_LIMITS = {
  nameMax: LIMITS.nameMax,
  textMax: 300,
  notesMax: 4000,
  phoneMax: 40,
  purposeMax: 1000,
} as const;

const NO_NUL = /^[^\u0000]*$/;
const noNul = { message: 'Steuerzeichen NUL ist nicht erlaubt / NUL character not allowed' };
export const optionalText = (max: number) => z.string().trim().max(max).regex(NO_NUL, noNul);
export const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, noNul);
export const idSchema = commonIdSchema;
export const idParam = z.object({ id: idValue });

// ---- organisations ----

const organisationFields = {
  name: nameText(ORG_LIMITS.nameMax),
  type: organisationTypeSchema,
  street: optionalText(ORG_LIMITS.textMax).default(''),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, { message: 'PLZ: 5 Ziffern / postcode: 5 digits' })
    .default(''),
  city: optionalText(ORG_LIMITS.textMax).default(''),
  notes: optionalText(ORG_LIMITS.notesMax).default(''),
};

export const createOrganisationSchema = z.object({
  ags: agsSchema
    .nullable()
    .describe('Municipality the organisation belongs to; null for a state-wide organisation (admin and LPR staff only)'),
  ...organisationFields,
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z.object({
  version: versionSchema,
  name: organisationFields.name.optional(),
  type: organisationTypeSchema.optional(),
  street: optionalText(ORG_LIMITS.textMax).optional(),
  postcode: organisationFields.postcode.optional(),
  city: optionalText(ORG_LIMITS.textMax).optional(),
  notes: optionalText(ORG_LIMITS.notesMax).optional(),
});
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

export const organisationSchema = z.object({
  id: z.number().int(),
  ags: z.string().nullable(),
  municipalityName: z.string().nullable(),
  name: z.string(),
  type: organisationTypeSchema,
  street: z.string(),
  postcode: z.string(),
  city: z.string(),
  notes: z.string(),
  people: z.number().int().describe('People linked to the organisation'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const listOrganisationsQuerySchema = z.object({
  ags: agsSchema.optional(),
  type: organisationTypeSchema.optional(),
  q: z.string().max(LIMITS.searchMax).optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuerySchema>;

// ---- people ----

const phoneSchema = z
  .string()
  .trim()
  .max(ORG_LIMITS.phoneMax)
  .regex(/^[0-9+()/ -]*$/, { message: 'Telefon: Ziffern, +, (, ), /, - / phone: digits, +, (, ), /, -' });

const personFields = {
  firstName: nameText(ORG_LIMITS.nameMax),
  lastName: nameText(ORG_LIMITS.nameMax),
  function: optionalText(ORG_LIMITS.textMax).default('').describe('Function or position, e.g. "Schulleiterin"'),
  email: z.email().max(LIMITS.emailMax).nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  organisationId: idSchema.nullable().default(null),
  legalBasis: legalBasisSchema,
  purpose: requiredText(ORG_LIMITS.purposeMax).describe('Purpose of processing (GDPR Art. 5(1)(b))'),
  consentGivenOn: isoDateSchema.nullable().default(null).describe('Date of consent; required when the legal basis is consent'),
  notes: optionalText(ORG_LIMITS.notesMax).default(''),
};

export const createPersonSchema = z.object({
  ags: agsSchema.nullable().describe('Municipality that keeps the record; null for a state-wide record (admin and LPR staff only)'),
  ...personFields,
});
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z.object({
  version: versionSchema,
  firstName: personFields.firstName.optional(),
  lastName: personFields.lastName.optional(),
  function: optionalText(ORG_LIMITS.textMax).optional(),
  email: z.email().max(LIMITS.emailMax).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  organisationId: idSchema.nullable().optional(),
  legalBasis: legalBasisSchema.optional(),
  purpose: personFields.purpose.optional(),
  consentGivenOn: isoDateSchema.nullable().optional(),
  notes: optionalText(ORG_LIMITS.notesMax).optional(),
});
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;

export const personSchema = z.object({
  id: z.number().int(),
  ags: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string().describe('"First Last", or "Gelöschte Person #id" after erasure'),
  function: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  organisationType: organisationTypeSchema.nullable(),
  legalBasis: legalBasisSchema,
  purpose: z.string(),
  consentGivenOn: z.string().nullable(),
  notes: z.string(),
  erasedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const listPeopleQuerySchema = z.object({
  ags: agsSchema.optional(),
  organisationId: idValue.optional(),
  q: z.string().max(LIMITS.searchMax).optional(),
  includeErased: z.enum(['true', 'false']).optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuerySchema>;

export const exportQuerySchema = z.object({ format: z.enum(['json', 'pdf']).default('json') });

export const erasePersonSchema = z.object({
  version: versionSchema,
  reason: requiredText(LIMITS.reasonMax).describe(
    'Why the person is erased (e.g. "Antrag nach Art. 17 DSGVO vom …"); kept in the audit trail, so it must not repeat the person\'s data',
  ),
});
export type ErasePersonInput = z.infer<typeof erasePersonSchema>;

export const erasureResultSchema = z.object({
  person: personSchema,
  redactedAuditEntries: z.number().int(),
  redactedTexts: z.number().int(),
  keptRecords: z
    .record(z.string(), z.number().int())
    .describe('Anonymised records kept for the counts (memberships, invitations, enrolments …)'),
});

/** Everything the system holds about one person (Art. 15/20): the person and every record linked to them. */
export const personExportSchema = z.object({
  exportedAt: z.string(),
  person: personSchema,
  organisation: organisationSchema.nullable(),
  memberships: z.array(
    z.object({
      councilId: z.number().int(),
      councilName: z.string(),
      role: z.string(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      organisationName: z.string().nullable(),
    }),
  ),
  meetings: z.array(
    z.object({ meetingId: z.number().int(), councilName: z.string(), title: z.string(), date: z.string(), attendance: z.string() }),
  ),
  tasks: z.array(
    z.object({ taskId: z.number().int(), councilName: z.string(), title: z.string(), dueDate: z.string(), status: z.string() }),
  ),
  enrolments: z.array(
    z.object({
      enrolmentId: z.number().int(),
      courseTitle: z.string(),
      programmeName: z.string(),
      status: z.string(),
      completedOn: z.string().nullable(),
    }),
  ),
  coaching: z.array(z.object({ processId: z.number().int(), ags: z.string(), startedOn: z.string(), endedOn: z.string().nullable() })),
  documents: z
    .array(
      z.object({
        documentId: z.number().int(),
        kind: z.string(),
        fileName: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        uploadedAt: z.string(),
      }),
    )
    .describe("The person's stored documents (a declaration of consent, say), without their content"),
});
export type PersonExport = z.infer<typeof personExportSchema>;
