import { consistencyReportSchema } from '../../../shared/consistency.schema.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { consistencyPolicy } from './consistency.policy.ts';
import { checkConsistency } from './consistency.service.ts';

/** The contradictions across modules ("Widersprüche"), as `praevis check` lists them. */
export async function consistencyRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/consistency',
    {
      config: { access: consistencyPolicy.read },
      schema: {
        tags: ['consistency'],
        summary: 'Every contradiction across the modules at today: events and records, dates, payments, reviews, project stages, figures',
        response: { 200: consistencyReportSchema, ...problemResponses },
      },
    },
    async () => checkConsistency(app.db),
  );
}
