import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience } from '../../shared/roles.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../test/harness.ts';
import { propertyReport } from '../test/property.ts';
import { listOperations, type OpenApiOperation } from '../test/openapi-routes.ts';

/** Examples per operation for the caller the route admits; an anonymous caller gets a third as many. */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 24);
const ANONYMOUS_RUNS = Math.max(1, Math.ceil(RUNS_PER_OPERATION / 3));

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'NaN',
    'null',
    '[]',
    '{}',
    '%00',
    '\u0000',
    '../../etc/passwd',
    "' or 1=1 --",
    '14521035',
    // One above PostgreSQL's integer: ids are bounded to their column type.
    '2147483648',
    '2023-02-31',
    'x'.repeat(5000),
  ),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 3 }),
  fc.dictionary(junkString, junkString, { maxKeys: 3 }),
);

/** Bodies that mostly have the declared fields with wrong or random values, plus arbitrary JSON. */
function bodyArbitrary(op: OpenApiOperation): fc.Arbitrary<unknown> {
  const schema = op.requestBody?.content?.['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
  const keys = Object.keys(schema?.properties ?? {});
  const shaped = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, junkValue])), { requiredKeys: [] })
    : fc.dictionary(junkString, junkValue, { maxKeys: 4 });
  return fc.oneof(shaped, junkValue, fc.jsonValue());
}

function queryArbitrary(op: OpenApiOperation): fc.Arbitrary<string> {
  const names = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  if (!names.length) return fc.constant('');
  return fc.dictionary(fc.constantFrom(...names), junkString, { maxKeys: names.length }).map((q) => new URLSearchParams(q).toString());
}

function pathArbitrary(op: OpenApiOperation): fc.Arbitrary<string> {
  if (!op.path.includes('{')) return fc.constant(op.path);
  return fc.oneof(
    fc.constant(op.samplePath),
    // A segment "." or ".." is a dot segment: every URL parser (the client's as well) resolves it
    // away, so the request names another path (e.g. /events/./correct is /events/correct).
    junkString.map((v) => op.path.replace(/\{[^}]+\}/g, v === '.' || v === '..' ? '0' : encodeURIComponent(v) || '0')),
  );
}

/**
 * The contract of the OpenAPI document for one answer: its status is documented for the
 * operation, its media type is documented for that status (no body where none is), and a JSON
 * body validates against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 */
function contractOf(doc: { components?: unknown }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<object, ValidateFunction>();
  const validatorOf = (schema: Record<string, unknown>) => {
    let validate = validators.get(schema);
    if (!validate) {
      // The schema's references point into the document's components.
      validate = ajv.compile({ ...schema, components: doc.components });
      validators.set(schema, validate);
    }
    return validate;
  };
  return (op: Pick<OpenApiOperation, 'responses'>, res: LightMyRequestResponse): string | null => {
    const documented = op.responses[String(res.statusCode)];
    if (!documented) return `status ${res.statusCode} is not documented (${Object.keys(op.responses).join(', ')})`;
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    if (!documented.content) return res.rawPayload.length ? `${res.statusCode} is documented without a body, got ${mediaType}` : null;
    const media = documented.content[mediaType];
    if (!media)
      return `${res.statusCode} ${mediaType || '(no media type)'} is not documented (${Object.keys(documented.content).join(', ')})`;
    if (!mediaType.endsWith('json') || !media.schema) return null;
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return `${res.statusCode} ${mediaType}: the body is not JSON`;
    }
    const validate = validatorOf(media.schema);
    return validate(body) ? null : `${res.statusCode} ${mediaType}: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 400)}`;
  };
}

/** A multipart/form-data body with every documented field: binary fields as a small file, the others as text. */
function multipartOf(schema: { properties?: Record<string, { format?: string }> }): { payload: string; contentType: string } {
  const boundary = 'contract-boundary';
  const parts = Object.entries(schema.properties ?? {}).map(([name, prop]) =>
    prop.format === 'binary'
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="data.csv"\r\nContent-Type: text/csv\r\n\r\na;b\r\n1;2\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n1\r\n`,
  );
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A value that a documented parameter schema admits: its first enum value, its minimum, or a short text. */
function sampleOf(schema: { enum?: unknown[]; type?: string; minimum?: number; exclusiveMinimum?: number }): string {
  if (schema.enum?.length) return String(schema.enum[0]);
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1);
  return 'x';
}

/*
 * Fuzzing: every operation of the OpenAPI document gets schema-violating and random input from the
 * caller it admits and from an anonymous one. Whatever comes in, the answer is never a 5xx and
 * keeps the document's contract.
 */
describe.each(DIALECTS)('fuzzing every route on %s', (dialect) => {
  let ctx: TestContext;
  let contract: ReturnType<typeof contractOf>;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    contract = contractOf(ctx.app.swagger() as { components?: unknown });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('never answers 5xx and answers as documented', { timeout: 900_000 }, async () => {
    const failures: string[] = [];
    for (const op of listOperations(ctx.app)) {
      const rule = ctx.app.routeAccess.get(`${op.method} ${op.path}`)!;
      const admitted: Audience = rule.allow.includes('admin') ? 'admin' : rule.allow[0]!;
      const callers: [Audience, number][] = admitted === 'public' ? [['public', RUNS_PER_OPERATION]] : [[admitted, RUNS_PER_OPERATION]];
      if (admitted !== 'public') callers.push(['public', ANONYMOUS_RUNS]);
      for (const [audience, numRuns] of callers) {
        let failure: string | undefined;
        // The seed (FC_SEED to replay) comes from the shared setup, src/server/test/property.ts.
        const details = await fc.check(
          fc.asyncProperty(pathArbitrary(op), queryArbitrary(op), bodyArbitrary(op), fc.boolean(), async (path, query, body, raw) => {
            // A fresh session per run: a fuzzed logout or password reset must not hide later failures.
            const client: Client = audience === 'public' ? ctx.anonymous : await ctx.as(audience);
            const url = query ? `${path}?${query}` : path;
            const res =
              op.method === 'GET'
                ? await client.get(url)
                : await client.request(op.method as 'POST', url, undefined, {
                    raw: raw ? String(JSON.stringify(body)).slice(0, -1) : (JSON.stringify(body) ?? 'null'),
                  });
            const why = res.statusCode >= 500 ? `${res.statusCode} ${res.body.slice(0, 300)}` : contract(op, res);
            if (why) failure ??= `${audience}: ${op.method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${why}`;
            return !why;
          }),
          // No shrinking: the first failing example is reported, and the run stays bounded.
          { numRuns, endOnFailure: true },
        );
        // The run ends at its first failure; fast-check's report names its seed and path.
        if (details.failed) failures.push(`${failure ?? `${audience}: ${op.method} ${op.path}`}\n${propertyReport(details)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 405 with Allow for a documented path with another method', async () => {
    const templates = new Map<string, { pattern: RegExp; samplePath: string; methods: Set<string> }>();
    for (const op of listOperations(ctx.app)) {
      const entry = templates.get(op.path) ?? {
        pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        samplePath: op.samplePath,
        methods: new Set<string>(),
      };
      entry.methods.add(op.method);
      if (op.method === 'GET') entry.methods.add('HEAD');
      templates.set(op.path, entry);
    }
    const documented405 = {
      responses: { 405: { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
    };
    const wrong: string[] = [];
    for (const [path, { samplePath }] of templates) {
      // The methods of every documented path the URL matches (/councils/counts also matches /councils/{id}).
      const allowed = new Set([...templates.values()].filter((t) => t.pattern.test(samplePath)).flatMap((t) => [...t.methods]));
      const other = (['DELETE', 'PATCH', 'PUT', 'POST', 'GET'] as const).find((m) => !allowed.has(m));
      if (!other) continue;
      const res = await ctx.anonymous.request(other, samplePath, undefined, other === 'GET' ? {} : { raw: '{}' });
      const allow = String(res.headers.allow ?? '')
        .split(/,\s*/)
        .sort();
      const problem = contract(documented405, res);
      if (res.statusCode !== 405 || problem || allow.join() !== [...allowed].sort().join())
        wrong.push(`${other} ${path} → ${res.statusCode} allow="${res.headers.allow}" ${problem ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads an upload sent as the document describes it', async () => {
    const admin = await ctx.as('admin');
    const wrong: string[] = [];
    for (const op of listOperations(ctx.app)) {
      const form = op.requestBody?.content?.['multipart/form-data']?.schema;
      if (!form) continue;
      const { payload, contentType } = multipartOf(form);
      // Required query parameters get a documented value, so that the request reaches the file.
      const query = new URLSearchParams(
        op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, sampleOf(p.schema ?? {})]),
      ).toString();
      const url = query ? `${op.samplePath}?${query}` : op.samplePath;
      const res = await admin.request(op.method as 'POST', url, undefined, { raw: payload, headers: { 'content-type': contentType } });
      const errors = (res.json() as { errors?: { field: string; code: string }[] }).errors ?? [];
      const unread = errors.some((e) => e.field === 'file' && ['required', 'multipart_required', 'malformed'].includes(e.code));
      const why =
        res.statusCode >= 500
          ? `${res.statusCode} ${res.body.slice(0, 300)}`
          : unread
            ? `the file was not read: ${res.body.slice(0, 300)}`
            : contract(op, res);
      if (why) wrong.push(`${op.method} ${op.path} → ${why}`);
    }
    expect(wrong).toEqual([]);
  });
});
