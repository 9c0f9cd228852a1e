import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateSchemaTypes } from '../../../scripts/db-types.ts';
import { DIALECTS } from '../test/databases.ts';

/** The committed row types (schema.generated.ts) must match the migrations; `npm run db:types` regenerates them. */
describe.runIf(DIALECTS.includes('postgres'))('generated schema types', () => {
  it('are up to date with the migrations', async () => {
    const current = await generateSchemaTypes();
    const committed = fs.readFileSync(GENERATED_FILE, 'utf8');
    expect(current === committed, 'src/server/db/schema.generated.ts is stale: run `npm run db:types` and commit the result').toBe(true);
  }, 60_000);
});
