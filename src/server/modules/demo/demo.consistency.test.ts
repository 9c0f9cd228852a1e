import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { buildDemoDirectory } from '../../test/factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { checkConsistency } from '../consistency/index.ts';
import { addDemoData } from './demo.service.ts';

/* `praevis demo` followed by `praevis check`: the demo is a world that could be real (decision 026). */
describe.each(DIALECTS)('the demo data contradict nothing on %s', (dialect) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await buildDemoDirectory(ctx.db, { districts: 13, municipalities: 415, directorates: 5 });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('reports 0 contradictions right after praevis demo', { timeout: 300_000 }, async () => {
    // The staff account that reviews the demo applications.
    await ctx.as('lpr');
    await addDemoData(ctx.db, SYSTEM_ACTOR, { force: false });
    const report = await checkConsistency(ctx.db);
    expect(report.byKind, JSON.stringify(report.items.filter((i) => i.kind !== 'event_without_record').slice(0, 12), null, 1)).toEqual({});
    expect(report.items.slice(0, 5)).toEqual([]);
  });
});
