import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { mapPayloadSchema } from '../../../shared/territory-import.schema.ts';
import {
  directorateSchema,
  districtListSchema,
  listDistrictsQuerySchema,
  listMunicipalitiesQuerySchema,
  municipalityPageSchema,
} from '../../../shared/territory.schema.ts';
import { municipalityScopeKey } from '../../auth/access.ts';
import { notFound } from '../../http/problem.ts';
import { DIRECTORY_COUNTER, matchesEtag, notModified, sendAnswer } from '../../lib/answer-cache.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { getMapPayload } from './boundaries.service.ts';
import { territoryImportRoutes } from './territory-import.routes.ts';
import { territoryPolicy } from './territory.policy.ts';
import * as service from './territory.service.ts';

/** True when the client takes gzip (Accept-Encoding lists gzip or * without q=0). */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

export async function territoryRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/municipalities',
    {
      config: { access: territoryPolicy.read },
      schema: {
        tags: ['territory'],
        summary: 'Municipalities the user may see (filter, sort, page)',
        querystring: listMunicipalitiesQuerySchema,
        response: { 200: municipalityPageSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) =>
      sendAnswer(req, reply, app.db, {
        name: 'territory.municipalities',
        // The directory changes rarely (imports, directorate edits); its triggers bump the counter.
        counters: [DIRECTORY_COUNTER],
        audience: 'private',
        variant: `${municipalityScopeKey(req.principal!)}|${JSON.stringify(req.query)}`,
        schema: municipalityPageSchema,
        compute: () => service.listMunicipalities(app.db, req.principal!, req.query),
      }),
  );

  app.get(
    '/api/directorates',
    {
      config: { access: territoryPolicy.read },
      schema: {
        tags: ['territory'],
        summary: 'Police directorates with their districts',
        response: { 200: z.array(directorateSchema), ...problemResponses },
      },
    },
    async () => service.listDirectorates(app.db),
  );

  app.get(
    '/api/districts',
    {
      config: { access: territoryPolicy.read },
      schema: {
        tags: ['territory'],
        summary: 'Districts (Kreise) with their police directorate and number of municipalities',
        querystring: listDistrictsQuerySchema,
        response: { 200: districtListSchema, ...problemResponses },
      },
    },
    async (req) => service.listDistricts(app.db, req.query),
  );

  app.get(
    '/api/map/municipalities',
    {
      config: { access: territoryPolicy.map },
      schema: {
        tags: ['territory'],
        summary: 'Simplified boundaries of municipalities and districts (TopoJSON) with attribution; gzip and ETag',
        response: { 200: mapPayloadSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const payload = await getMapPayload(app.db);
      if (!payload) throw notFound({ de: 'Es wurden noch keine Gemeindegrenzen importiert.', en: 'No boundaries have been imported yet.' });
      reply.header('etag', payload.etag).header('cache-control', 'public, max-age=0, must-revalidate').header('vary', 'accept-encoding');
      if (matchesEtag(req.headers['if-none-match'], payload.etag)) return reply.code(304).send(null);
      // Precomputed bytes: Fastify sends buffers as they are, without the (typed) response serializer.
      const raw = reply.type('application/json; charset=utf-8') as unknown as FastifyReply;
      if (acceptsGzip(req.headers['accept-encoding'])) return raw.header('content-encoding', 'gzip').send(payload.gzip);
      return raw.send(payload.json);
    },
  );

  await territoryImportRoutes(app);
}
