import { z } from 'zod';
import { idParamSchema, pageOf } from '../../../shared/common.schema.ts';
import {
  createUserResultSchema,
  createUserSchema,
  listUsersQuerySchema,
  resetPasswordResultSchema,
  updateUserSchema,
  userSchema,
} from '../../../shared/users.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { usersPolicy } from './users.policy.ts';
import * as service from './users.service.ts';

export async function usersRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/users',
    {
      config: { access: usersPolicy.manage },
      schema: {
        tags: ['users'],
        summary: 'List accounts',
        querystring: listUsersQuerySchema,
        response: { 200: pageOf(userSchema), ...problemResponses },
      },
    },
    async (req) => service.listUsers(app.db, req.query),
  );

  app.post(
    '/api/users',
    {
      config: { access: usersPolicy.manage },
      schema: {
        tags: ['users'],
        summary: 'Create an account: with mail configured it receives a link to set its password, else a one-time password is shown',
        body: createUserSchema,
        response: { 201: createUserResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const result = await app.db
        .transaction()
        .execute((trx) => service.createUser(trx, actorOf(req.principal, req.id), { ...req.body, invite: true }));
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: usersPolicy.manage },
      schema: { tags: ['users'], summary: 'One account', params: idParamSchema, response: { 200: userSchema, ...problemResponses } },
    },
    async (req) => service.getUser(app.db, req.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: usersPolicy.manage },
      schema: {
        tags: ['users'],
        summary: 'Change role, scope, name or status (optimistic locking by version)',
        params: idParamSchema,
        body: updateUserSchema,
        response: { 200: userSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => service.updateUser(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: usersPolicy.manage },
      schema: {
        tags: ['users'],
        summary: 'Set a new one-time password',
        params: idParamSchema,
        body: z.object({}).optional(),
        response: { 200: resetPasswordResultSchema, ...problemResponses },
      },
    },
    async (req) => ({
      oneTimePassword: await app.db
        .transaction()
        .execute((trx) => service.resetPassword(trx, actorOf(req.principal, req.id), req.params.id)),
    }),
  );
}
