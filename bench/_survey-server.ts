/*
 * The server under test for bench/survey-submissions.ts, in its own process: a survey in fieldwork
 * with 60,000 one-time codes (three batches) for one municipality. Prints one JSON line with the
 * URL, the session cookie of a council staff member (to fetch the codes as the mail-merge CSV)
 * and the survey id.
 */
import type { AddressInfo } from 'node:net';
import type { Dialect } from '../src/server/db/database.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { addDays, todayBerlin } from '../src/shared/time.ts';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const ctx = await createTestContext(dialect);
const lpr = await ctx.as('lpr');
const created = await lpr.post('/api/surveys', {
  title: 'Benchmark',
  municipalities: [ctx.territory.annaberg],
  fieldStart: todayBerlin(),
  fieldEnd: addDays(todayBerlin(), 30),
});
const survey = created.json() as { id: number };
for (let b = 0; b < 3; b += 1) {
  const res = await lpr.post(`/api/surveys/${survey.id}/codes`, { ags: ctx.territory.annaberg, count: 20_000 });
  if (res.statusCode !== 201) throw new Error(`codes: ${res.statusCode} ${res.body}`);
}
await lpr.post(`/api/surveys/${survey.id}/start`, {});
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: `praevis_session=${lpr.cookie}`, surveyId: survey.id })}\n`);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
