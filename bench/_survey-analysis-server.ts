/*
 * The server under test for bench/survey-analysis.ts, in its own process: a closed survey of
 * Annaberg-Buchholz with the bench questionnaire (bench/_survey-analysis-data.ts) and its
 * 1,000,000 responses stored through the real table (one transaction, one prepared insert), no
 * margins yet; and a member of the state prevention council's staff (lpr), who sets the margins
 * and reads the results. Prints one JSON line with the URL, the session cookie, the CSRF token
 * and the survey id.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestContext } from '../src/server/test/harness.ts';
import { nowIso } from '../src/shared/time.ts';
import { benchAnswers, benchCodebook, benchDefinition, RESPONSES } from './_survey-analysis-data.ts';

// The rate limit per session would cut the run short: a bench measures the routes, not the limiter.
const ctx = await createTestContext('sqlite', { RATE_LIMIT_PER_MINUTE: '1000000000' });
const db = ctx.db;
const now = nowIso();
const ags = ctx.territory.annaberg;
const { id } = await db
  .insertInto('surveys')
  .values({
    title: 'Benchmark',
    status: 'closed',
    field_start: '2026-10-01',
    field_end: '2026-10-31',
    previous_survey_id: null,
    created_at: now,
    updated_at: now,
    closed_on: '2026-11-01',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db.insertInto('survey_municipalities').values({ survey_id: id, ags }).execute();
await db
  .insertInto('survey_questionnaires')
  .values({ survey_id: id, version: 1, definition_json: JSON.stringify(benchDefinition()), created_at: now })
  .execute();

const cols = benchCodebook().length;
const answers = benchAnswers(benchCodebook());
const sqlite = ctx.database.sqlite!;
const insert = sqlite.prepare(
  'insert into survey_responses (id, survey_id, ags, questionnaire_version, channel, received_on, answers) values (?, ?, ?, 1, ?, ?, ?)',
);
const t = performance.now();
sqlite.transaction(() => {
  for (let i = 0; i < RESPONSES; i += 1) {
    const row = Buffer.from(answers.buffer, i * cols * 2, cols * 2);
    insert.run(crypto.randomUUID(), id, ags, i % 10 === 0 ? 'paper' : 'online', '2026-10-15', row);
  }
})();
process.stderr.write(
  `stored ${RESPONSES.toLocaleString('en')} responses × ${cols} items in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
);

const lpr = await ctx.as('lpr');
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: `praevis_session=${lpr.cookie}`, csrfToken: lpr.csrfToken, surveyId: id })}\n`);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
