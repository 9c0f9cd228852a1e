import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyNames, policyRoles } from '../../shared/policies.ts';
import { AUDIENCES, type Audience } from '../../shared/roles.ts';
import type { AccessRule } from './types.ts';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../test/harness.ts';
import { listOperations } from '../test/openapi-routes.ts';

/*
 * The authorization matrix: every operation of the OpenAPI document × every role and the anonymous
 * visitor. The expectation is the rule of `shared/policies.ts` each route declares (through its
 * *.policy.ts entry); a route without one fails here (and at startup). Allowed callers must pass
 * the role gate; everyone else must get 401 (no session) or 403 (wrong role) before the handler runs.
 */
const sameAudiences = (a: readonly Audience[], b: readonly Audience[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The audiences the policies admit for a declared rule: its named policy, or the policy with exactly its roles. */
function expectedAudiences(rule: AccessRule): readonly Audience[] | undefined {
  if (rule.policy) return policyRoles(rule.policy);
  return policyNames()
    .map(policyRoles)
    .find((roles) => sameAudiences(roles, rule.allow));
}

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function clientFor(audience: Audience): Promise<Client> {
    return audience === 'public' ? ctx.anonymous : ctx.as(audience);
  }

  it('declares an access rule for every operation of the OpenAPI document', () => {
    const ops = listOperations(ctx.app);
    expect(ops.length).toBeGreaterThan(10);
    const undeclared = ops.filter((op) => !ctx.app.routeAccess.has(`${op.method} ${op.path}`)).map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
  });

  it('declares on every route a rule of shared/policies.ts, with exactly its roles', () => {
    const failures: string[] = [];
    for (const [route, rule] of ctx.app.routeAccess) {
      const expected = expectedAudiences(rule);
      if (!expected) failures.push(`${route}: [${rule.allow.join(', ')}] is no rule of shared/policies.ts`);
      else if (!sameAudiences(expected, rule.allow))
        failures.push(`${route}: declares [${rule.allow.join(', ')}], ${rule.policy} admits [${expected.join(', ')}]`);
    }
    expect(failures).toEqual([]);
  });

  // Every operation × every audience, one request each: minutes on a loaded machine, not a timing test.
  it('lets exactly the declared roles through, for every operation', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const op of listOperations(ctx.app)) {
      const rule = ctx.app.routeAccess.get(`${op.method} ${op.path}`)!;
      const admitted = expectedAudiences(rule) ?? rule.allow;
      for (const audience of AUDIENCES) {
        const client = await clientFor(audience);
        const res = await client.request(op.method as 'GET', op.samplePath, op.method === 'GET' ? undefined : {});
        const type = res.headers['content-type']?.toString().includes('json') ? String(res.json()?.type ?? '') : '';
        const allowed = admitted.includes(audience) || admitted.includes('public');
        const gateRefused =
          (res.statusCode === 401 && type.endsWith('/unauthenticated')) || (res.statusCode === 403 && type.endsWith('/forbidden-role'));
        if (allowed && (gateRefused || type.endsWith('/csrf')))
          failures.push(`${op.method} ${op.path} as ${audience}: expected through, got ${res.statusCode} ${type}`);
        if (!allowed) {
          const expected = audience === 'public' ? 401 : 403;
          if (res.statusCode !== expected || !gateRefused)
            failures.push(`${op.method} ${op.path} as ${audience}: expected ${expected}, got ${res.statusCode} ${type}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
