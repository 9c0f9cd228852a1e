import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, berlinInstant, nowIso, todayBerlin, withClock } from '../../../shared/time.ts';
import { buildMunicipality } from '../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { outboxTo } from '../../test/mail-outbox.ts';
import { foundCouncil } from '../councils/test-support.ts';
import { runDailyMails, startDailyMails } from './index.ts';

const silent = { info: () => {}, error: () => {} };

describe.each(DIALECTS)('daily mails: task digest and late analysis phases on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let n = 0;
  const today = todayBerlin();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    // The state-wide accounts of this database get digests of every council; they do not take part here.
    await ctx.db
      .insertInto('mail_settings')
      .values({ user_id: lpr.user!.id, meetings: 1, digest: 0, funding: 1, analysis: 1, updated_at: nowIso() })
      .execute();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A coordinator of a commune of its own with a council (no tasks yet). */
  async function coordinatorWithCouncil() {
    const ags = `14521${String(900 + ++n).padStart(3, '0')}`;
    await buildMunicipality(ctx.db, { ags, name: `Testgemeinde ${n}`, district_ags: '14521' });
    const coordinator = await ctx.as('coordinator', { communes: [ags] });
    const council = await foundCouncil(coordinator, [ags]);
    const task = async (title: string, dueDate: string, status = 'open') => {
      const res = await coordinator.post(`/api/councils/${council.id}/tasks`, { title, dueDate, status });
      expect(res.statusCode, res.body).toBe(201);
    };
    return { coordinator, task };
  }

  it('lists exactly the overdue tasks and those due this week of the user, once a day; nothing to list, no digest', async () => {
    const a = await coordinatorWithCouncil();
    await a.task('Protokoll verschicken', addDays(today, -3));
    await a.task('Flyer drucken', addDays(today, -1), 'in_progress');
    await a.task('Erledigt, aber spät', addDays(today, -5), 'done');
    await a.task('Raum buchen', addDays(today, 2));
    await a.task('Jahresbericht', addDays(today, 20));
    const other = await coordinatorWithCouncil();
    await other.task('Fremde Aufgabe', addDays(today, -2));
    const idle = await coordinatorWithCouncil();
    await idle.task('Später', addDays(today, 30));
    const off = await coordinatorWithCouncil();
    await off.task('Auch überfällig', addDays(today, -2));
    await ctx.db
      .insertInto('mail_settings')
      .values({ user_id: off.coordinator.user!.id, meetings: 1, digest: 0, funding: 1, analysis: 1, updated_at: nowIso() })
      .execute();

    await runDailyMails(ctx.db, today);
    const [digest, ...more] = await outboxTo(ctx.db, a.coordinator.user!.email, 'digest.tasks');
    expect(more).toEqual([]);
    expect(digest).toMatchObject({
      category: 'digest',
      user_id: a.coordinator.user!.id,
      dedupe_key: `digest:${a.coordinator.user!.id}:${today}`,
    });
    expect(digest!.subject).toBe('Ihre Aufgaben: 2 überfällig, 1 in den nächsten 7 Tagen fällig');
    const text = digest!.text!;
    const overdue = text.slice(text.indexOf('Überfällig (2):'), text.indexOf('In den nächsten 7 Tagen fällig'));
    const lines = (part: string) =>
      part
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2, l.indexOf(' (')));
    expect(lines(overdue)).toEqual(['Protokoll verschicken', 'Flyer drucken']);
    expect(lines(text.slice(text.indexOf('In den nächsten 7 Tagen fällig (1):')))).toEqual(['Raum buchen']);
    for (const absent of ['Erledigt, aber spät', 'Jahresbericht', 'Fremde Aufgabe']) expect(text).not.toContain(absent);
    expect(digest!.html).toContain('<td>Protokoll verschicken</td>');

    expect(await outboxTo(ctx.db, other.coordinator.user!.email, 'digest.tasks')).toHaveLength(1);
    expect(await outboxTo(ctx.db, idle.coordinator.user!.email)).toEqual([]);
    expect(await outboxTo(ctx.db, off.coordinator.user!.email)).toEqual([]);

    // A second run the same day (another process, the CLI) writes nothing more.
    expect((await runDailyMails(ctx.db, today)).digests).toBe(0);
    expect(await outboxTo(ctx.db, a.coordinator.user!.email, 'digest.tasks')).toHaveLength(1);
  });

  it("tells the analysis's owner at the LPR once about each phase that became late, however often the scheduler runs", async () => {
    const owner = await ctx.as('lpr');
    const created = await owner.post('/api/security-analyses', {
      ags: ctx.territory.annaberg,
      contractor: 'Forschungsgruppe Kommunale Sicherheit',
      plannedStart: addDays(today, -10),
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    const late = a.latePhases as string[];
    expect(late.length).toBeGreaterThan(0);

    // Two schedulers (two processes) after 07:00 Berlin time, each ticking twice.
    await withClock(berlinInstant(today, '07:05')!, async () => {
      for (const s of [startDailyMails(ctx.db, silent, { timer: false }), startDailyMails(ctx.db, silent, { timer: false })]) {
        expect(await s.tick()).toBe(true);
        expect(await s.tick()).toBe(false);
        await s.stop();
      }
    });
    const mails = await outboxTo(ctx.db, owner.user!.email, 'analysis.phase-late');
    expect(mails).toHaveLength(late.length);
    expect(new Set(mails.map((m) => m.dedupe_key)).size).toBe(late.length);
    const kickOff = mails.find((m) => m.dedupe_key!.startsWith(`analysis-late:${a.id}:kick_off:`))!;
    expect(kickOff.subject!.startsWith(`Phase im Verzug: Auftaktgespräch – ${a.title} (Annaberg-Buchholz`)).toBe(true);
    expect(kickOff.text).toContain('ist überschritten');
    expect(kickOff.text).toContain(`/security-analyses/${a.id}`);
    // The next day the phases are still late: no second message.
    await runDailyMails(ctx.db, addDays(today, 1));
    expect(await outboxTo(ctx.db, owner.user!.email, 'analysis.phase-late')).toHaveLength(late.length);
  });

  it('the scheduler waits for 07:00 Berlin time', async () => {
    await withClock(berlinInstant(today, '06:55')!, async () => {
      const s = startDailyMails(ctx.db, silent, { timer: false });
      expect(await s.tick()).toBe(false);
      await s.stop();
    });
  });
});
