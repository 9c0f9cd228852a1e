import { z } from 'zod';
import {
  addSessionSchema,
  coachingProcessSchema,
  coachingPageSchema,
  coachingQuerySchema,
  coachSchema,
  createCoachSchema,
  endCoachingSchema,
  startCoachingSchema,
  updateCoachingSchema,
  updateCoachSchema,
} from '../../../shared/coaching.schema.ts';
import { idParam } from '../../../shared/organisations.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { coachingPolicy } from './coaching.policy.ts';
import * as service from './coaching.service.ts';

const TAGS = ['coaching'];

/** The pool of coaches and the coaching processes of the municipalities. */
export async function coachingRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/coaches',
    {
      config: { access: coachingPolicy.manage },
      schema: { tags: TAGS, summary: 'The pool of coaches', response: { 200: z.array(coachSchema), ...problemResponses } },
    },
    async () => service.listCoaches(app.db),
  );

  app.post(
    '/api/coaches',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Add a person to the pool of coaches',
        body: createCoachSchema,
        response: { 201: coachSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await app.db.transaction().execute((trx) => service.createCoach(trx, req.principal!, actorOf(req.principal, req.id), req.body)),
        ),
  );

  app.patch(
    '/api/coaches/:id',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change a coach: region, notes, active (optimistic locking)',
        params: idParam,
        body: updateCoachSchema,
        response: { 200: coachSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => service.updateCoach(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/coaching/processes',
    {
      config: { access: coachingPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Coaching processes in the caller's scope, with the historic rows of the alliance history",
        querystring: coachingQuerySchema,
        response: { 200: coachingPageSchema, ...problemResponses },
      },
    },
    async (req) => service.listProcesses(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/coaching/processes',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Start a coaching process; records the alliance event coaching_started',
        body: startCoachingSchema,
        response: { 201: coachingProcessSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await app.db.transaction().execute((trx) => service.startProcess(trx, actorOf(req.principal, req.id), req.body))),
  );

  app.get(
    '/api/coaching/processes/:id',
    {
      config: { access: coachingPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'One coaching process with its sessions',
        params: idParam,
        response: { 200: coachingProcessSchema, ...problemResponses },
      },
    },
    async (req) => service.getProcess(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/coaching/processes/:id',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change coach, goals or end report (optimistic locking)',
        params: idParam,
        body: updateCoachingSchema,
        response: { 200: coachingProcessSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => service.updateProcess(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/coaching/processes/:id/end',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'End a coaching process with its end report; records the alliance event coaching_ended',
        params: idParam,
        body: endCoachingSchema,
        response: { 200: coachingProcessSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => service.endProcess(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/coaching/processes/:id/sessions',
    {
      config: { access: coachingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Record a coaching session with notes',
        params: idParam,
        body: addSessionSchema,
        response: { 201: coachingProcessSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await app.db.transaction().execute((trx) => service.addSession(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
        ),
  );
}
