import { sql } from 'kysely';
import { z } from 'zod';
import { problemSchema } from '../../../shared/common.schema.ts';
import { unavailable } from '../../http/problem.ts';
import type { ZodApp } from '../../http/zod-app.ts';
import { systemPolicy } from './system.policy.ts';

const LIVE = { status: 'ok' } as const;

/** How long readiness waits for its query, connection included; slower counts as not ready. */
const READY_TIMEOUT_MS = 2_000;

/** Runs a real query through the pool (or SQLite's connection); resolves false on error or after the timeout. */
async function databaseAnswers(app: ZodApp): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  const query = sql<{ ok: number }>`select 1 as ok`.execute(app.db).then(
    (r) => r.rows[0]?.ok === 1,
    () => false,
  );
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}

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
        summary: 'Readiness: the database answers a query within 2 s (503 with Retry-After otherwise); the database type for admins only',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']).optional() }),
          503: problemSchema,
        },
      },
    },
    async (req) => {
      if (!(await databaseAnswers(app))) throw unavailable();
      return req.principal?.role === 'admin' ? { status: 'ok' as const, database: app.dialect } : { status: 'ok' as const };
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
