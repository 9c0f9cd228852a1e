import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToVector, decodeAnswers, type SurveyAnswers, validateAnswers } from '../../../shared/survey-questionnaire.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { addDemoSurvey } from './demo.ts';
import { parseDefinition } from './surveys.service.ts';

describe.each(DIALECTS)('the demo survey on %s', (dialect) => {
  let ctx: TestContext;
  let answers: SurveyAnswers[];
  let surveyId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const summary = await ctx.db.transaction().execute((trx) => addDemoSurvey(trx, SYSTEM_ACTOR));
    expect(summary).toMatchObject({ skipped: false, municipality: 'Dresden', codes: 6000 });
    surveyId = summary.surveyId!;
    const q = await ctx.db
      .selectFrom('survey_questionnaires')
      .select('definition_json')
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    const def = parseDefinition(q.definition_json);
    const rows = await ctx.db
      .selectFrom('survey_responses')
      .select(['answers', 'received_on', 'channel'])
      .where('survey_id', '=', surveyId)
      .execute();
    answers = rows.map((r) => decodeAnswers(def, bytesToVector(new Uint8Array(r.answers))));
    for (const a of answers) expect(validateAnswers(def, a, { complete: true })).toEqual([]);
    for (const r of rows) expect(r.received_on >= '2025-09-15' && r.received_on <= '2025-10-31').toBe(true);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  const share = (list: SurveyAnswers[], test: (a: SurveyAnswers) => boolean) => list.filter(test).length / list.length;
  const unsafe = (a: SurveyAnswers) => a.sicher_nachts === 'ziemlich_unsicher' || a.sicher_nachts === 'sehr_unsicher';

  it('is one closed survey with a few thousand responses online and on paper, once', async () => {
    const survey = await ctx.db.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirstOrThrow();
    expect(survey).toMatchObject({ status: 'closed', closed_on: '2025-11-03', field_start: '2025-09-15', field_end: '2025-10-31' });
    expect(survey.title).toMatch(/^\[Demo\] Bürgerbefragung Sicherheit Dresden 2025$/);
    expect(answers.length).toBeGreaterThan(2500);
    expect(answers.length).toBeLessThan(3200);
    const channels = await ctx.db
      .selectFrom('survey_responses')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', surveyId)
      .groupBy('channel')
      .execute();
    const used = await ctx.db
      .selectFrom('survey_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .where('state', '=', 'used')
      .executeTakeFirstOrThrow();
    expect(Number(channels.find((c) => c.channel === 'online')!.n)).toBe(Number(used.n));
    expect(Number(channels.find((c) => c.channel === 'paper')!.n)).toBeGreaterThan(300);
    expect((await ctx.db.transaction().execute((trx) => addDemoSurvey(trx, SYSTEM_ACTOR))).skipped).toBe(true);
  });

  it('has realistic shares and the correlations of real surveys', () => {
    const u = share(answers, unsafe);
    expect(u).toBeGreaterThan(0.2);
    expect(u).toBeLessThan(0.4);
    const women = answers.filter((a) => a.geschlecht === 'w');
    const men = answers.filter((a) => a.geschlecht === 'm');
    expect(share(women, unsafe)).toBeGreaterThan(share(men, unsafe) + 0.05);
    const old = answers.filter((a) => a.altersgruppe === 'a75');
    const young = answers.filter((a) => a.altersgruppe === 'a25_34');
    expect(share(old, unsafe)).toBeGreaterThan(share(young, unsafe) + 0.1);
    const victims = answers.filter((a) => Array.isArray(a.opfer) && !a.opfer.includes('nichts'));
    const others = answers.filter((a) => Array.isArray(a.opfer) && a.opfer.includes('nichts'));
    expect(
      share(
        answers.filter((a) => Array.isArray(a.opfer)),
        (a) => !(a.opfer as string[]).includes('nichts'),
      ),
    ).toBeGreaterThan(0.12);
    expect(share(victims, unsafe)).toBeGreaterThan(share(others, unsafe));
    const trusting = (a: SurveyAnswers) => ['t4', 't5'].includes((a.vertrauen as Record<string, string> | undefined)?.polizei ?? '');
    expect(share(answers, trusting)).toBeGreaterThan(0.4);
    expect(share(answers.filter(unsafe), trusting)).toBeLessThan(
      share(
        answers.filter((a) => !unsafe(a)),
        trusting,
      ),
    );
    const avoids = (a: SurveyAnswers) => (a.meiden as Record<string, string> | undefined)?.orte === 'ja';
    expect(share(answers.filter(unsafe), avoids)).toBeGreaterThan(
      share(
        answers.filter((a) => !unsafe(a)),
        avoids,
      ) + 0.15,
    );
    // Every area and every age group is answered often enough to show (k = 5) and to weight.
    for (const area of ['mitte', 'nord', 'ost', 'sued', 'west'])
      expect(answers.filter((a) => a.ortsteil === area).length).toBeGreaterThan(100);
    expect(answers.filter((a) => typeof a.anmerkungen === 'string').length).toBe(0); // texts are stored apart, not in the vector
  });
});
