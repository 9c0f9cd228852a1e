import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { buildDemoDirectory } from '../../test/factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { runDemo } from '../alliance/index.ts';
import { addDemoCouncils } from './councils.demo.ts';

describe.each(DIALECTS)('councils demo on %s', (dialect) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await buildDemoDirectory(ctx.db, { districts: 4, municipalities: 160 });
    await ctx.db.transaction().execute((trx) => runDemo(trx, SYSTEM_ACTOR, { force: false }));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('creates councils, members, meetings, coaching processes and training cohorts through the services, once', async () => {
    const figuresBefore = (await (await ctx.as('lpr')).get('/api/alliance/figures')).json().statewide.coachingRunning;
    const s = await ctx.db.transaction().execute((trx) => addDemoCouncils(trx, SYSTEM_ACTOR, { maxCouncils: 5 }));
    expect(s.skipped).toBe(false);
    expect(s.councils).toBeGreaterThan(0);
    expect(s.members).toBeGreaterThanOrEqual(s.councils * 4);
    expect(s.meetings).toBeGreaterThan(s.councils);
    expect(s.coachingProcesses).toBeGreaterThan(0);
    expect(s.courses).toBe(2);
    expect(s.enrolments).toBeGreaterThan(0);
    const figuresAfter = (await (await ctx.as('lpr')).get('/api/alliance/figures')).json().statewide.coachingRunning;
    // Every process that has not ended (an end in the future is not recorded) runs in the figures.
    const open = await ctx.db
      .selectFrom('coaching_processes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ended_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBeGreaterThan(0);
    expect(figuresAfter).toBe(figuresBefore + Number(open.n));
    const again = await ctx.db.transaction().execute((trx) => addDemoCouncils(trx, SYSTEM_ACTOR));
    expect(again.skipped).toBe(true);
  });
});
