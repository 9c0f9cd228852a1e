import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import { directorateSchema, listMunicipalitiesQuerySchema, municipalitySchema } from '../../../shared/territory.schema.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { territoryPolicy } from './territory.policy.ts';
import * as service from './territory.service.ts';

export async function territoryRoutes(app: ZodApp): Promise<void> {
  app.get('/api/municipalities', {
    config: { access: territoryPolicy.read },
    schema: { tags: ['territory'], summary: 'Municipalities the user may see (filter, sort, page)', querystring: listMunicipalitiesQuerySchema, response: { 200: pageOf(municipalitySchema), ...problemResponses } },
  }, async (req) => service.listMunicipalities(app.db, req.principal!, req.query));

  app.get('/api/directorates', {
    config: { access: territoryPolicy.read },
    schema: { tags: ['territory'], summary: 'Police directorates with their districts', response: { 200: z.array(directorateSchema), ...problemResponses } },
  }, async () => service.listDirectorates(app.db));
}
