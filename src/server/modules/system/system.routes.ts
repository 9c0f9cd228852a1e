import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodApp } from '../../http/zod-app.ts';
import { systemPolicy } from './system.policy.ts';

const LIVE = { status: 'ok' } as const;

export async function systemRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/health/live',
    {
      config: { access: systemPolicy.anyone },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers (constant JSON)',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => LIVE,
  );

  app.get(
    '/api/health/ready',
    {
      config: { access: systemPolicy.anyone },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' as const, database: app.dialect };
    },
  );

  app.get(
    '/api/openapi.json',
    {
      config: { access: systemPolicy.anyone },
      schema: { tags: ['system'], summary: 'This OpenAPI 3.1 document', hide: true },
    },
    async () => app.swagger(),
  );
}
