import { z } from 'zod';
import { agsSchema, decimalInt, idParam, isoDateSchema, nameText, versionSchema } from './common.schema.ts';
import { LIMITS } from './limits.ts';
import { idSchema, optionalText, ORGANISATION_TYPES, organisationTypeSchema, requiredText } from './organisations.schema.ts';
import { documentSchema } from './documents.schema.ts';

/*
 * The municipal prevention council (kommunaler Präventionsrat, KPR) of one municipality, or one
 * joint council of several: members, meetings with agenda, attendance, minutes and decisions, tasks,
 * the calendar feed; and the problem fields and prevention areas of a municipality.
 */

type Text = { de: string; en: string };

export const COUNCIL_LIMITS = {
  nameMax: LIMITS.nameMax,
  textMax: 2000,
  minutesMax: 50_000,
  agendaMax: 50,
  decisionsMax: 50,
  inviteesMax: 500,
  municipalitiesMax: 30,
  fileNameMax: 200,
} as const;

export const MEMBER_ROLES = ['chair', 'coordinator', 'permanent', 'advisory', 'guest'] as const;
export const memberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof memberRoleSchema>;
export const MEMBER_ROLE_LABELS: Record<MemberRole, Text> = {
  chair: { de: 'Vorsitz', en: 'Chair' },
  coordinator: { de: 'Koordination', en: 'Coordinator' },
  permanent: { de: 'Ständiges Mitglied', en: 'Permanent member' },
  advisory: { de: 'Beratendes Mitglied', en: 'Advisory member' },
  guest: { de: 'Gast', en: 'Guest' },
};

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export const ATTENDANCE = ['invited', 'present', 'excused', 'absent'] as const;
export const attendanceSchema = z.enum(ATTENDANCE);
export const TASK_STATUSES = ['open', 'in_progress', 'done'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const PRIORITY_KINDS = ['problem_field', 'prevention_area'] as const;
export const priorityKindSchema = z.enum(PRIORITY_KINDS);
export const PRIORITY_LEVELS = ['high', 'medium', 'low'] as const;
export const priorityLevelSchema = z.enum(PRIORITY_LEVELS);
export const PRIORITY_SOURCES = ['consultation', 'council_decision', 'security_analysis'] as const;
export const prioritySourceSchema = z.enum(PRIORITY_SOURCES);

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Uhrzeit HH:MM / time HH:MM' });
const dateOrNull = isoDateSchema.nullable();

// ---- councils ----

export const foundCouncilSchema = z.object({
  name: nameText(COUNCIL_LIMITS.nameMax).describe('e.g. "Kriminalpräventiver Rat Annaberg-Buchholz"'),
  municipalities: z
    .array(agsSchema)
    .min(1)
    .max(COUNCIL_LIMITS.municipalitiesMax)
    .describe('One municipality, or several for a joint council'),
  foundingResolutionDate: isoDateSchema.describe(
    'Date of the council resolution to found the KPR; recorded as the alliance event "council_resolution"',
  ),
  constitutedOn: dateOrNull.default(null).describe('Date of the constituent meeting; recorded as the alliance event "council_constituted"'),
  steeringGroup: optionalText(COUNCIL_LIMITS.textMax).default('').describe('Composition of the steering group'),
  coordinationOffice: optionalText(COUNCIL_LIMITS.textMax).default('').describe('Coordination office: unit, address, contact'),
  notes: optionalText(COUNCIL_LIMITS.textMax).default(''),
});
export type FoundCouncilInput = z.infer<typeof foundCouncilSchema>;

export const updateCouncilSchema = z.object({
  version: versionSchema,
  name: nameText(COUNCIL_LIMITS.nameMax).optional(),
  constitutedOn: isoDateSchema.optional().describe('Set once; recorded as the alliance event "council_constituted"'),
  steeringGroup: optionalText(COUNCIL_LIMITS.textMax).optional(),
  coordinationOffice: optionalText(COUNCIL_LIMITS.textMax).optional(),
  notes: optionalText(COUNCIL_LIMITS.textMax).optional(),
});
export type UpdateCouncilInput = z.infer<typeof updateCouncilSchema>;

export const compositionRowSchema = z.object({ type: z.enum([...ORGANISATION_TYPES, 'none']), members: z.number().int() });

export const councilSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  joint: z.boolean(),
  municipalities: z.array(z.object({ ags: z.string(), name: z.string(), districtAgs: z.string() })),
  foundingResolutionDate: z.string(),
  constitutedOn: z.string().nullable(),
  steeringGroup: z.string(),
  coordinationOffice: z.string(),
  notes: z.string(),
  feedActive: z.boolean().describe('Whether a calendar feed token exists (the token itself is shown once, when rotated)'),
  feedRotatedAt: z.string().nullable(),
  documents: z.array(documentSchema).describe('The rules of procedure and other documents (documents module)'),
  counts: z.object({
    currentMembers: z.number().int(),
    meetings: z.number().int(),
    openTasks: z.number().int(),
    overdueTasks: z.number().int(),
  }),
  composition: z.array(compositionRowSchema).describe('Current members by the institution type they represent'),
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Council = z.infer<typeof councilSchema>;

export const councilListItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  joint: z.boolean(),
  municipalities: z.array(z.object({ ags: z.string(), name: z.string() })),
  foundingResolutionDate: z.string(),
  constitutedOn: z.string().nullable(),
  currentMembers: z.number().int(),
});
export const listCouncilsQuerySchema = z.object({
  ags: agsSchema.optional(),
  q: z.string().max(LIMITS.searchMax).optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ListCouncilsQuery = z.infer<typeof listCouncilsQuerySchema>;

/** Counts only (the ministry's view): no names. */
export const councilCountsSchema = z.object({
  councils: z.number().int(),
  jointCouncils: z.number().int(),
  municipalitiesWithCouncil: z.number().int(),
  currentMembers: z.number().int(),
  composition: z.array(compositionRowSchema),
  meetingsByYear: z.array(z.object({ year: z.number().int(), meetings: z.number().int() })),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
});

export const feedTokenSchema = z.object({
  token: z.string().describe('The secret token; shown only now, stored only as a hash'),
  path: z
    .string()
    .describe(
      'Path and query of the subscribable feed: /api/public/council-feed.ics?token=<token> (in the query, so that request logs never carry it)',
    ),
  rotatedAt: z.string(),
});
export const rotateFeedSchema = z.object({ version: versionSchema });
export const feedQuerySchema = z.object({ token: z.string().max(200) });

// ---- members ----

export const addMemberSchema = z.object({
  personId: idSchema,
  role: memberRoleSchema,
  organisationId: idSchema.nullable().default(null).describe("Institution represented; by default the person's organisation"),
  steeringGroup: z.boolean().default(false),
  startDate: isoDateSchema,
  endDate: dateOrNull.default(null),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const updateMemberSchema = z.object({
  version: versionSchema,
  role: memberRoleSchema.optional(),
  organisationId: idSchema.nullable().optional(),
  steeringGroup: z.boolean().optional(),
  startDate: isoDateSchema.optional(),
  endDate: dateOrNull.optional(),
});
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export const memberSchema = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  personFunction: z.string(),
  email: z.string().nullable(),
  role: memberRoleSchema,
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  institutionType: z.enum([...ORGANISATION_TYPES, 'none']),
  steeringGroup: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  current: z.boolean(),
  version: z.number().int(),
});
export type Member = z.infer<typeof memberSchema>;
export const membersQuerySchema = z.object({
  at: isoDateSchema.optional().describe('Members at this date (default today); with all=true every membership'),
  all: z.enum(['true', 'false']).optional(),
});
export const memberParamSchema = z.object({
  id: idParam,
  memberId: idParam,
});

// ---- tasks ----

export const createTaskSchema = z.object({
  title: requiredText(COUNCIL_LIMITS.nameMax * 2),
  meetingId: idSchema.nullable().default(null),
  ownerPersonId: idSchema.nullable().default(null),
  dueDate: isoDateSchema,
  status: taskStatusSchema.default('open'),
  notes: optionalText(COUNCIL_LIMITS.textMax).default(''),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z.object({
  version: versionSchema,
  title: requiredText(COUNCIL_LIMITS.nameMax * 2).optional(),
  ownerPersonId: idSchema.nullable().optional(),
  dueDate: isoDateSchema.optional(),
  status: taskStatusSchema.optional(),
  notes: optionalText(COUNCIL_LIMITS.textMax).optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

export const taskSchema = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  councilName: z.string(),
  meetingId: z.number().int().nullable(),
  meetingDate: z.string().nullable(),
  title: z.string(),
  ownerPersonId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string(),
  status: taskStatusSchema,
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
  notes: z.string(),
  version: z.number().int(),
});
export type Task = z.infer<typeof taskSchema>;

export const tasksQuerySchema = z.object({
  status: z.enum(['open', 'in_progress', 'done', 'unfinished', 'overdue', 'all']).default('unfinished'),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(50),
});

// ---- meetings ----

export const agendaItemSchema = z.object({
  title: requiredText(COUNCIL_LIMITS.nameMax * 2),
  notes: optionalText(COUNCIL_LIMITS.textMax).default(''),
});
export const decisionInputSchema = z.object({ text: requiredText(COUNCIL_LIMITS.textMax) });
export const inviteeInputSchema = z.object({ personId: idSchema, attendance: attendanceSchema.default('invited') });

export const createMeetingSchema = z.object({
  title: requiredText(COUNCIL_LIMITS.nameMax).default('Sitzung des Präventionsrates'),
  date: isoDateSchema,
  startTime: timeSchema.describe('Local time in Europe/Berlin, HH:MM'),
  endTime: timeSchema.describe('Local time in Europe/Berlin, HH:MM; after the start'),
  place: optionalText(COUNCIL_LIMITS.nameMax).default(''),
  agenda: z.array(agendaItemSchema).max(COUNCIL_LIMITS.agendaMax).default([]),
  invitees: z.array(inviteeInputSchema).max(COUNCIL_LIMITS.inviteesMax).optional().describe('Default: every member at the meeting date'),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const updateMeetingSchema = z.object({
  version: versionSchema,
  title: requiredText(COUNCIL_LIMITS.nameMax).optional(),
  date: isoDateSchema.optional(),
  startTime: timeSchema.optional(),
  endTime: timeSchema.optional(),
  place: optionalText(COUNCIL_LIMITS.nameMax).optional(),
  status: meetingStatusSchema.optional(),
  agenda: z.array(agendaItemSchema).max(COUNCIL_LIMITS.agendaMax).optional(),
  invitees: z
    .array(inviteeInputSchema)
    .max(COUNCIL_LIMITS.inviteesMax)
    .optional()
    .describe('Invitees with their attendance; replaces the list'),
  minutes: optionalText(COUNCIL_LIMITS.minutesMax).optional(),
  decisions: z.array(decisionInputSchema).max(COUNCIL_LIMITS.decisionsMax).optional(),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

export const meetingSummarySchema = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  status: meetingStatusSchema,
  invitees: z.number().int(),
  present: z.number().int(),
  hasMinutes: z.boolean(),
  decisions: z.number().int(),
});
export const meetingSchema = meetingSummarySchema.extend({
  councilName: z.string(),
  agenda: z.array(z.object({ title: z.string(), notes: z.string() })),
  inviteeList: z.array(z.object({ personId: z.number().int(), personName: z.string(), attendance: attendanceSchema })),
  minutes: z.string(),
  decisionList: z.array(z.object({ text: z.string() })),
  tasks: z.array(taskSchema),
  canEdit: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingsQuerySchema = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, LIMITS.pageSizeMax).default(20),
});

// ---- problem fields and prevention areas ----

export const createPrioritySchema = z.object({
  kind: priorityKindSchema,
  fieldOfActionId: idSchema.describe('Entry of the fields-of-action catalogue'),
  title: requiredText(COUNCIL_LIMITS.nameMax),
  description: optionalText(COUNCIL_LIMITS.textMax).default(''),
  priority: priorityLevelSchema.default('medium'),
  source: prioritySourceSchema,
  identifiedOn: isoDateSchema,
});
export type CreatePriorityInput = z.infer<typeof createPrioritySchema>;

export const updatePrioritySchema = z.object({
  version: versionSchema,
  fieldOfActionId: idSchema.optional(),
  title: requiredText(COUNCIL_LIMITS.nameMax).optional(),
  description: optionalText(COUNCIL_LIMITS.textMax).optional(),
  priority: priorityLevelSchema.optional(),
  source: prioritySourceSchema.optional(),
  identifiedOn: isoDateSchema.optional(),
});
export type UpdatePriorityInput = z.infer<typeof updatePrioritySchema>;

export const prioritySchema = z.object({
  id: z.number().int(),
  ags: z.string(),
  kind: priorityKindSchema,
  fieldOfActionId: z.number().int(),
  fieldOfActionName: z.string(),
  title: z.string(),
  description: z.string(),
  priority: priorityLevelSchema,
  source: prioritySourceSchema,
  identifiedOn: z.string(),
  version: z.number().int(),
});
export type Priority = z.infer<typeof prioritySchema>;

export const completeStepSchema = z.object({
  step: priorityKindSchema.describe('problem_field: problem fields identified; prevention_area: prevention areas defined'),
  date: isoDateSchema,
});
export const prioritiesSchema = z.object({
  ags: z.string(),
  items: z.array(prioritySchema),
  steps: z.object({ problemFieldsIdentifiedOn: z.string().nullable(), preventionAreasDefinedOn: z.string().nullable() }),
  fieldsOfAction: z.array(z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() })),
});
export type Priorities = z.infer<typeof prioritiesSchema>;

export const councilAgsParamSchema = z.object({ ags: agsSchema });
export const institutionTypeSchema = z.enum([...ORGANISATION_TYPES, 'none']);
export { organisationTypeSchema };
