import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../../shared/time.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { foundCouncil } from './test-support.ts';

/*
 * Deadlines are Berlin calendar days. The server runs in this process, so the clock set here is
 * the server's clock; 23:30 UTC is already the next day in Berlin.
 */
describe.each(DIALECTS)('overdue council tasks by the Berlin clock on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client;
  let councilId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const A = ctx.territory.annaberg;
    coordinator = await ctx.as('coordinator', { communes: [A] });
    councilId = (await foundCouncil(await ctx.as('lpr'), [A])).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });
  afterEach(() => resetClock());

  it.each([
    ['23:30 UTC on the eve of summer time (00:30 in Berlin)', '2026-03-28T23:30:00Z', '2026-03-29', '2026-03-28'],
    ['23:30 UTC on the eve of winter time (01:30 in Berlin)', '2026-10-24T23:30:00Z', '2026-10-25', '2026-10-24'],
    ['00:30 in Berlin the day after the change to summer time', '2026-03-29T22:30:00Z', '2026-03-30', '2026-03-29'],
    ['00:30 in Berlin the day after the change to winter time', '2026-10-25T23:30:00Z', '2026-10-26', '2026-10-25'],
  ])('at %s a task due today is not overdue, one due yesterday is', async (label, instant, today, yesterday) => {
    setClock(instant);
    const dueToday = await coordinator.post(`/api/councils/${councilId}/tasks`, { title: `Heute fällig (${label})`, dueDate: today });
    const dueYesterday = await coordinator.post(`/api/councils/${councilId}/tasks`, {
      title: `Gestern fällig (${label})`,
      dueDate: yesterday,
    });
    expect(dueToday.statusCode, dueToday.body).toBe(201);
    expect(dueToday.json()).toMatchObject({ overdue: false });
    expect(dueYesterday.json()).toMatchObject({ overdue: true });
    const overdue = (await coordinator.get('/api/tasks/overdue')).json().map((t: { title: string }) => t.title);
    expect(overdue).toContain(`Gestern fällig (${label})`);
    expect(overdue).not.toContain(`Heute fällig (${label})`);
    // Done today: the completion date is the Berlin day.
    const done = await coordinator.patch(`/api/tasks/${dueYesterday.json().id}`, { version: 1, status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, completedOn: today });
    // Settle both, so the next case starts with no overdue task of its own.
    await coordinator.patch(`/api/tasks/${dueToday.json().id}`, { version: 1, status: 'done' });
  });
});
