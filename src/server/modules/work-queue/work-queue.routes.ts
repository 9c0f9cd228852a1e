import { workQueueSchema } from '../../../shared/work-queue.schema.ts';
import { languageOf } from '../../http/problem.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { workQueuePolicy } from './work-queue.policy.ts';
import { getWorkQueue } from './work-queue.service.ts';

/** The home page's work queue of the caller's role, in its scope (decision 038). */
export async function workQueueRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/work-queue',
    {
      config: { access: workQueuePolicy.read },
      schema: {
        tags: ['work-queue'],
        summary:
          "What waits for the caller's role in its scope: per entry the count, the first records and the web list of exactly those records",
        response: { 200: workQueueSchema, ...problemResponses },
      },
    },
    async (req) => getWorkQueue(app.db, req.principal!, languageOf(req)),
  );
}
