import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../shared/common.schema.ts';
import type { AccessRule } from './types.ts';

/** The Fastify instance with Zod typing, as every route module receives it. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Problem responses documented on every route. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  429: problemSchema,
} as const;

export const noContent = z.null().describe('No content');

const bodiesByMediaType = new WeakMap<object, Record<string, z.ZodType>>();

/**
 * Documents the body of a route that takes one of several media types per media type (an upload
 * as multipart/form-data, a URL as JSON); the schema itself stays what the validator sees.
 */
export function documentBodyPerMediaType<T extends z.ZodType>(schema: T, content: Record<string, z.ZodType>): T {
  bodiesByMediaType.set(schema, content);
  return schema;
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const PROBLEM_DESCRIPTIONS: Record<string, string> = {
  400: 'The input is invalid (problem+json with the field errors)',
  401: 'Not signed in',
  403: 'The role, the scope or the CSRF token does not allow this',
  404: 'Not found',
  405: 'The path exists with other methods (see the Allow header)',
  409: 'Changed in the meantime (with the current state) or a duplicate',
  413: 'The request is too large',
  415: 'This media type is not accepted',
  422: 'A business rule refuses the action',
  429: 'Too many requests (see the Retry-After header)',
  503: 'The database is unavailable or busy (see the Retry-After header)',
};
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', type: 'integer', minimum: 0 } };

/**
 * Problems the framework answers on a route before or beside its handler: 400 (NUL guard, params
 * and query), 401/403 (session, role, CSRF), 413/415 (body size, media type), 429 (rate limit) and
 * 503 (database unavailable).
 */
function frameworkStatuses(route: { method: string | string[]; config?: unknown }): string[] {
  const config = (route.config ?? {}) as { access?: AccessRule; rateLimit?: unknown };
  const writes = [route.method].flat().some((m) => WRITE_METHODS.includes(m));
  const statuses = ['400'];
  if (config.access && !config.access.allow.includes('public')) statuses.push('401', '403');
  else if (writes) statuses.push('403');
  if (writes) statuses.push('413', '415');
  if (config.rateLimit !== false) statuses.push('429');
  statuses.push('503');
  return statuses;
}

/**
 * The OpenAPI transform: the Zod provider's JSON Schema, with every problem documented as
 * application/problem+json (the statuses the framework answers included), a route without a
 * response schema documented by its `produces`, and the bodies of `documentBodyPerMediaType`
 * documented per media type.
 */
export const openApiTransform: SwaggerTransform = (document) => {
  const result = jsonSchemaTransform(document);
  const schema = document.schema as Record<string, unknown> | undefined;
  const out = result.schema as Record<string, unknown>;
  if (!schema || out.hide) return result;
  const toJson = (part: 'body' | 'response', zod: z.ZodType): unknown => {
    const converted = jsonSchemaTransform({ ...document, schema: { [part]: part === 'body' ? zod : { 200: zod } } }).schema as Record<
      string,
      unknown
    >;
    return part === 'body' ? converted.body : (converted.response as Record<string, unknown>)[200];
  };

  const declared = (schema.response ?? {}) as Record<string, unknown>;
  const response = { ...((out.response ?? {}) as Record<string, unknown>) };
  if (!schema.response) {
    const produces = (schema.produces as string[] | undefined) ?? ['application/json'];
    response[200] = {
      description: 'Default Response',
      content: Object.fromEntries(produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  const problemJson = toJson('response', problemSchema);
  const problem = (status: string) => ({
    description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
    ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problemJson } },
  });
  for (const status of Object.keys(declared)) if (declared[status] === problemSchema) response[status] = problem(status);
  for (const status of frameworkStatuses(document.route)) response[status] ??= problem(status);
  out.response = response;

  const byMediaType = typeof schema.body === 'object' && schema.body ? bodiesByMediaType.get(schema.body) : undefined;
  if (byMediaType) {
    out.body = { content: Object.fromEntries(Object.entries(byMediaType).map(([type, zod]) => [type, { schema: toJson('body', zod) }])) };
  }
  return result;
};
