import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../../shared/funding.rules.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { addDemoFunding, DEMO_FUNDING_YEAR } from './funding.demo.ts';
import { getApplicationUnscoped } from './applications.service.ts';
import { rulesOf } from './programmes.service.ts';
import * as repo from './funding.repository.ts';
import { recordConsultation } from './test-support.ts';

describe.each(DIALECTS)('funding demo on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const lpr = await ctx.as('lpr');
    for (let i = 0; i < 30; i++) {
      const m = await buildMunicipality(ctx.db, { district_ags: ctx.territory.erzgebirge, ags: `14521${String(200 + i)}` });
      await recordConsultation(lpr, m.ags, '2023-05-02');
    }
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it(
    'creates labelled projects and one programme year whose applications obey every rule and stay within the budget',
    { timeout: 120_000 },
    async () => {
      const s = await ctx.db.transaction().execute((trx) => addDemoFunding(trx, SYSTEM_ACTOR, { seed: 7 }));
      expect(s.skipped).toBe(false);
      expect(s.projects).toBeGreaterThan(5);
      expect(s.approved).toBeGreaterThan(0);
      const programme = (await repo.findProgrammeByYear(ctx.db, DEMO_FUNDING_YEAR))!;
      const committed = await repo.sumCommitments(ctx.db, programme.id);
      expect(committed.total).toBe(s.committedCents);
      expect(committed.total).toBeLessThanOrEqual(programme.budget_cents);
      const apps = await ctx.db.selectFrom('funding_applications').select('id').where('programme_id', '=', programme.id).execute();
      expect(apps).toHaveLength(s.applications);
      for (const { id } of apps) {
        const a = await getApplicationUnscoped(ctx.db, id);
        expect(a.title.startsWith('[Demo]')).toBe(true);
        expect(
          checkPlan(
            { costItems: a.costItems, financing: a.financing, smallGrantJustification: a.smallGrantJustification },
            rulesOf(programme),
          ),
        ).toEqual([]);
      }
      // A second run leaves the year alone.
      expect((await ctx.db.transaction().execute((trx) => addDemoFunding(trx, SYSTEM_ACTOR, { seed: 7 }))).skipped).toBe(true);
    },
  );
});
