import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { REPO_ROOT } from '../test/shared-data.ts';

/** The committed OpenAPI document (docs/openapi.json) must match the code; `npm run openapi` regenerates it. */
describe('committed OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('is up to date', () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8');
    const current = `${JSON.stringify(ctx.app.swagger(), null, 2)}\n`;
    expect(current === committed, 'docs/openapi.json is stale: run `npm run openapi` and commit the result').toBe(true);
  });
});
