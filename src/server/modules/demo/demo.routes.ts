import type { RouteOptions } from 'fastify';
import { demoStatusSchema } from '../../../shared/demo.schema.ts';
import type { Db } from '../../db/database.ts';
import { withDemoLabel } from '../../lib/demo-label.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { demoPolicy } from './demo.policy.ts';
import { hasDemoData } from './demo.service.ts';

/** Whether demo data exist, for the label of the public page and the dashboard. */
export async function demoRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/demo',
    {
      config: { access: demoPolicy.status },
      schema: {
        tags: ['demo'],
        summary: 'Whether demo data (praevis demo) exist; then every page and export is labelled "Demo-Daten"',
        response: { 200: demoStatusSchema, ...problemResponses },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { demo: await hasDemoData(app.db) };
    },
  );
}

const FILE_TYPES = /text\/csv|spreadsheetml|application\/pdf/;

/**
 * An `onRoute` hook: every route that answers a CSV, XLSX or PDF file runs with the demo label on
 * while demo data exist, so that the writers label the file (lib/demo-label.ts).
 */
export function labelDemoExports(db: Db): (route: RouteOptions) => void {
  return (route) => {
    const produces = (route.schema as { produces?: readonly string[] } | undefined)?.produces ?? [];
    if (!produces.some((t) => FILE_TYPES.test(t))) return;
    const handler = route.handler;
    route.handler = async function (this: unknown, req, reply) {
      const demo = await hasDemoData(db);
      return withDemoLabel(demo, () => handler.call(this as never, req, reply));
    };
  };
}
