import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import { csvDialectQuerySchema } from '../../../shared/csv.schema.ts';
import {
  addMemberSchema,
  completeStepSchema,
  councilAgsParamSchema,
  councilCountsSchema,
  councilListItemSchema,
  councilSchema,
  createMeetingSchema,
  createPrioritySchema,
  createTaskSchema,
  feedQuerySchema,
  feedTokenSchema,
  foundCouncilSchema,
  listCouncilsQuerySchema,
  meetingSchema,
  meetingsQuerySchema,
  meetingSummarySchema,
  memberParamSchema,
  memberSchema,
  membersQuerySchema,
  prioritiesSchema,
  prioritySchema,
  rotateFeedSchema,
  taskSchema,
  tasksQuerySchema,
  updateCouncilSchema,
  updateMeetingSchema,
  updateMemberSchema,
  updatePrioritySchema,
  updateTaskSchema,
} from '../../../shared/councils.schema.ts';
import { idParam } from '../../../shared/organisations.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import type { Trx } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { registerDocumentOwner } from '../documents/index.ts';
import { councilDocuments } from './councils.documents.ts';
import { councilsPolicy } from './councils.policy.ts';
import * as councils from './councils.service.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { buildMembersExport } from './members.export.ts';
import * as meetings from './meetings.service.ts';
import * as priorities from './priorities.service.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['councils'];
const CALENDAR = 'text/calendar; charset=utf-8';

/** Prevention councils: founding, members, documents, meetings with calendar, tasks, priorities, counts. */
export async function councilsRoutes(app: ZodApp): Promise<void> {
  registerDocumentOwner(councilDocuments);
  const actor = (req: { principal: Parameters<typeof actorOf>[0]; id: string }) => actorOf(req.principal, req.id);
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => app.db.transaction().execute(fn);

  // ---- councils ----

  app.get(
    '/api/councils',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Councils in the caller's scope",
        querystring: listCouncilsQuerySchema,
        response: { 200: pageOf(councilListItemSchema), ...problemResponses },
      },
    },
    async (req) => councils.listCouncils(app.db, req.principal!, req.query),
  );

  app.get(
    '/api/councils/counts',
    {
      config: { access: councilsPolicy.counts },
      schema: {
        tags: TAGS,
        summary: 'Statewide counts: councils, members by institution type, meetings per year, tasks (no names)',
        response: { 200: councilCountsSchema, ...problemResponses },
      },
    },
    async () => councils.getCounts(app.db),
  );

  app.post(
    '/api/councils',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary:
          'Found a council of one municipality or a joint council of several; records the alliance events of the resolution (and constitution)',
        body: foundCouncilSchema,
        response: { 201: councilSchema, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await tx((trx) => councils.foundCouncil(trx, req.principal!, actor(req), req.body))),
  );

  app.get(
    '/api/councils/:id',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'A council with its municipalities, documents, counts and composition by institution type',
        params: idParam,
        response: { 200: councilSchema, ...problemResponses },
      },
    },
    async (req) => councils.getCouncil(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/councils/:id',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change name, steering group, coordination office, notes; set the constitution date once (optimistic locking)',
        params: idParam,
        body: updateCouncilSchema,
        response: { 200: councilSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => councils.updateCouncil(trx, req.principal!, actor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/councils/:id/feed-token',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Create a new secret calendar-feed token; the previous feed URL stops working. The token is shown only in this answer.',
        params: idParam,
        body: rotateFeedSchema,
        response: { 201: feedTokenSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const result = await tx((trx) => councils.rotateFeedToken(trx, req.principal!, actor(req), req.params.id, req.body.version));
      return reply.code(201).header('cache-control', 'no-store').send(result);
    },
  );

  app.get(
    '/api/public/council-feed.ics',
    {
      config: { access: councilsPolicy.feed },
      schema: {
        tags: TAGS,
        summary: "Subscribable iCalendar feed of a council's meetings, guarded by its secret token alone (404 for any other token)",
        querystring: feedQuerySchema,
        produces: ['text/calendar'],
        response: { 200: fileResponse('iCalendar (RFC 5545)'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const body = await meetings.councilFeed(app.db, req.query.token);
      if (body === null) throw notFound({ de: 'Kein Kalender unter dieser Adresse.', en: 'No calendar at this address.' });
      return reply.type(CALENDAR).header('cache-control', 'private, max-age=300').header('x-robots-tag', 'noindex').send(body);
    },
  );

  // ---- members ----

  app.get(
    '/api/councils/:id/members',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Members at a date (default today), or every membership with all=true',
        params: idParam,
        querystring: membersQuerySchema,
        response: { 200: z.array(memberSchema), ...problemResponses },
      },
    },
    async (req) => councils.listMembers(app.db, req.principal!, req.params.id, req.query),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/councils/:id/members.${format}`,
      {
        config: { access: councilsPolicy.read },
        schema: {
          tags: TAGS,
          summary: `The current member list as ${format.toUpperCase()} (name, function, role, institution, e-mail, period, steering group)`,
          params: idParam,
          querystring: csvDialectQuerySchema,
          produces: [format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE],
          response: {
            200: fileResponse(format === 'csv' ? 'CSV, German Excel dialect unless dialect=rfc4180' : 'XLSX workbook'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        const file = await buildMembersExport(app.db, req.principal!, req.params.id, { format, dialect: req.query.dialect });
        return reply
          .type(file.contentType)
          .header('content-disposition', attachment(file.fileName))
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  }

  app.post(
    '/api/councils/:id/members',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Add a member with role, institution and period (overlapping periods of the same person are refused)',
        params: idParam,
        body: addMemberSchema,
        response: { 201: memberSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => councils.addMember(trx, req.principal!, actor(req), req.params.id, req.body))),
  );

  app.patch(
    '/api/councils/:id/members/:memberId',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change a membership, e.g. end it (optimistic locking)',
        params: memberParamSchema,
        body: updateMemberSchema,
        response: { 200: memberSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => councils.updateMember(trx, req.principal!, actor(req), req.params.id, req.params.memberId, req.body)),
  );

  // ---- meetings ----

  app.get(
    '/api/councils/:id/meetings',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Meetings of a council (upcoming, past or all), paged',
        params: idParam,
        querystring: meetingsQuerySchema,
        response: { 200: pageOf(meetingSummarySchema), ...problemResponses },
      },
    },
    async (req) => meetings.listMeetings(app.db, req.principal!, req.params.id, req.query),
  );

  app.post(
    '/api/councils/:id/meetings',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Schedule a meeting (local times in Europe/Berlin; the end after the start); members are invited by default',
        params: idParam,
        body: createMeetingSchema,
        response: { 201: meetingSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => meetings.createMeeting(trx, req.principal!, actor(req), req.params.id, req.body))),
  );

  app.get(
    '/api/meetings/:id',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'A meeting with agenda, invitees and attendance, minutes, decisions and tasks',
        params: idParam,
        response: { 200: meetingSchema, ...problemResponses },
      },
    },
    async (req) => meetings.getMeeting(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/meetings/:id',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change a meeting: time, place, status, agenda, attendance, minutes, decisions (optimistic locking)',
        params: idParam,
        body: updateMeetingSchema,
        response: { 200: meetingSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => meetings.updateMeeting(trx, req.principal!, actor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/meetings/:id/ics',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'The meeting as an iCalendar file (RFC 5545, TZID=Europe/Berlin)',
        params: idParam,
        produces: ['text/calendar'],
        response: { 200: fileResponse('iCalendar'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await meetings.meetingIcs(app.db, req.principal!, req.params.id);
      return reply
        .type(CALENDAR)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  // ---- tasks ----

  app.get(
    '/api/councils/:id/tasks',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Tasks of a council by status (default: unfinished), soonest due first',
        params: idParam,
        querystring: tasksQuerySchema,
        response: { 200: pageOf(taskSchema), ...problemResponses },
      },
    },
    async (req) => meetings.listTasks(app.db, req.principal!, req.params.id, req.query),
  );

  app.post(
    '/api/councils/:id/tasks',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Create a task (from a meeting, with owner and due date)',
        params: idParam,
        body: createTaskSchema,
        response: { 201: taskSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => meetings.createTask(trx, req.principal!, actor(req), req.params.id, req.body))),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change a task, e.g. its status (optimistic locking)',
        params: idParam,
        body: updateTaskSchema,
        response: { 200: taskSchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => meetings.updateTask(trx, req.principal!, actor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/tasks/overdue',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Overdue tasks of the councils in the caller's scope (home page)",
        response: { 200: z.array(taskSchema), ...problemResponses },
      },
    },
    async (req) => meetings.listOverdueTasks(app.db, req.principal!),
  );

  // ---- problem fields and prevention areas ----

  app.get(
    '/api/municipalities/:ags/priorities',
    {
      config: { access: councilsPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Problem fields and prevention areas of a municipality, the completed steps, the fields-of-action catalogue',
        params: councilAgsParamSchema,
        response: { 200: prioritiesSchema, ...problemResponses },
      },
    },
    async (req) => priorities.getPriorities(app.db, req.principal!, req.params.ags),
  );

  app.post(
    '/api/municipalities/:ags/priorities',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Record a problem field or prevention area (field of action, priority, source)',
        params: councilAgsParamSchema,
        body: createPrioritySchema,
        response: { 201: prioritySchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => priorities.createPriority(trx, req.principal!, actor(req), req.params.ags, req.body))),
  );

  app.patch(
    '/api/priorities/:id',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change a problem field or prevention area (optimistic locking)',
        params: idParam,
        body: updatePrioritySchema,
        response: { 200: prioritySchema, ...problemResponses },
      },
    },
    async (req) => tx((trx) => priorities.updatePriority(trx, req.principal!, actor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/municipalities/:ags/priorities/complete',
    {
      config: { access: councilsPolicy.write },
      schema: {
        tags: TAGS,
        summary: "Complete a step (problem fields identified / prevention areas defined): an alliance event on the municipality's timeline",
        params: councilAgsParamSchema,
        body: completeStepSchema,
        response: { 201: prioritiesSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await tx((trx) => priorities.completeStep(trx, req.principal!, actor(req), req.params.ags, req.body))),
  );
}
