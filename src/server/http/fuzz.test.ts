import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience } from '../../shared/roles.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../test/harness.ts';
import { listOperations, type OpenApiOperation } from '../test/openapi-routes.ts';

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 30);

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
    junkString.map((v) => op.path.replace(/\{[^}]+\}/g, encodeURIComponent(v) || '0')),
  );
}

/*
 * Fuzzing: every operation of the OpenAPI document gets schema-violating and random input from a
 * caller it admits. Whatever comes in, the answer is never a 5xx.
 */
describe.each(DIALECTS)('fuzzing every route on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('never answers 5xx', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const op of listOperations(ctx.app)) {
      const rule = ctx.app.routeAccess.get(`${op.method} ${op.path}`)!;
      const audience: Audience = rule.allow.includes('admin') ? 'admin' : rule.allow[0]!;
      await fc
        .assert(
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
            if (res.statusCode >= 500)
              failures.push(`${op.method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
            return res.statusCode < 500;
          }),
          { numRuns: RUNS_PER_OPERATION, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
        )
        .catch(() => {});
    }
    expect(failures).toEqual([]);
  });
});
