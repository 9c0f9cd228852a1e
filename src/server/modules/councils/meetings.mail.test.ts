import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, nowIso, todayBerlin } from '../../../shared/time.ts';
import { buildUser } from '../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { outboxTo } from '../../test/mail-outbox.ts';
import { berlinWallClock, createPerson, foundCouncil, parseCalendar } from './test-support.ts';

describe.each(DIALECTS)('meeting invitations by e-mail on %s', (dialect) => {
  let ctx: TestContext;
  let coordinator: Client;
  let councilId: number;
  let seq = 0;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { MAIL_FROM: 'Präventionsrat Test <kpr@example.org>' });
    coordinator = await ctx.as('coordinator');
    councilId = (await foundCouncil(coordinator, [ctx.territory.annaberg])).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** Three invitees: one with an English account of the same address, one without account, one without address. */
  async function invitees() {
    const n = ++seq;
    const withAccount = await createPerson(coordinator, ctx.territory.annaberg, { email: `Mitglied.${n}.${dialect}@Example.org` });
    const account = await buildUser(ctx.db, 'coordinator', {
      email: `mitglied.${n}.${dialect}@example.org`,
      communes: [ctx.territory.annaberg],
    });
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', account.id).execute();
    const plain = await createPerson(coordinator, ctx.territory.annaberg, { email: `gast.${n}.${dialect}@example.org` });
    const noAddress = await createPerson(coordinator, ctx.territory.annaberg, { email: null });
    return { withAccount, account, plain, noAddress, plainEmail: `gast.${n}.${dialect}@example.org` };
  }

  async function schedule(people: { id: number }[], o: Record<string, unknown> = {}) {
    const res = await coordinator.post(`/api/councils/${councilId}/meetings`, {
      title: 'Sitzung des KPR',
      date: addDays(todayBerlin(), 14),
      startTime: '18:00',
      endTime: '19:30',
      place: 'Rathaus, Ratssaal',
      agenda: [{ title: 'Lagebild' }],
      invitees: people.map((p) => ({ personId: p.id, attendance: 'invited' })),
      ...o,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; date: string };
  }

  it('invites each invitee with an address, with an iCalendar REQUEST in the recipient language; nobody without an address', async () => {
    const p = await invitees();
    const m = await schedule([p.withAccount, p.plain, p.noAddress]);
    const [toPlain] = await outboxTo(ctx.db, p.plainEmail);
    expect(toPlain).toMatchObject({
      kind: 'meeting.invitation',
      category: 'meetings',
      language: 'de',
      user_id: null,
      ical_method: 'REQUEST',
    });
    expect(toPlain!.subject).toContain('Einladung: Sitzung des KPR');
    expect(toPlain!.text).toContain('Ort:     Rathaus, Ratssaal');
    const { comp, events } = parseCalendar(toPlain!.ical!);
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    const e = events[0]!;
    const uid = e.uid;
    expect(uid).toMatch(/@praevis$/);
    expect(e.sequence).toBe(0);
    expect(e.summary).toContain('Sitzung des KPR');
    expect(e.location).toBe('Rathaus, Ratssaal');
    expect(berlinWallClock(e.startDate.toJSDate())).toBe(`${m.date} 18:00`);
    expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(e.component.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:kpr@example.org');
    expect(e.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([`mailto:${p.plainEmail}`]);

    // The account of the same address (in another case) gets it in English, linked to the account.
    const toAccount = await ctx.db.selectFrom('mail_outbox').selectAll().where('user_id', '=', p.account.id).execute();
    expect(toAccount).toHaveLength(1);
    expect(toAccount[0]).toMatchObject({ language: 'en', user_id: p.account.id });
    expect(toAccount[0]!.subject).toContain('Invitation: Sitzung des KPR');
    expect(parseCalendar(toAccount[0]!.ical!).events[0]!.uid).toBe(uid);
    const all = await ctx.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('kind', 'like', 'meeting.%')
      .where('ical', 'like', `%${uid}%`)
      .execute();
    expect(all).toHaveLength(2);
  });

  it('a change of time or place sends an update with the same UID and a higher SEQUENCE; minutes alone send nothing', async () => {
    const p = await invitees();
    const m = await schedule([p.plain]);
    const first = parseCalendar((await outboxTo(ctx.db, p.plainEmail))[0]!.ical!).events[0]!;
    const moved = await coordinator.patch(`/api/meetings/${m.id}`, { version: m.version, startTime: '17:00', place: 'Bürgerhaus' });
    expect(moved.statusCode, moved.body).toBe(200);
    const sent = await outboxTo(ctx.db, p.plainEmail);
    expect(sent.map((s) => s.kind)).toEqual(['meeting.invitation', 'meeting.update']);
    expect(sent[1]!.subject).toContain('Geänderte Einladung');
    const update = parseCalendar(sent[1]!.ical!).events[0]!;
    expect(update.uid).toBe(first.uid);
    expect(update.sequence).toBeGreaterThan(first.sequence);
    expect(update.location).toBe('Bürgerhaus');
    expect(berlinWallClock(update.startDate.toJSDate())).toBe(`${m.date} 17:00`);
    const notes = await coordinator.patch(`/api/meetings/${m.id}`, { version: moved.json().version, minutes: 'Vorbereitung läuft.' });
    expect(notes.statusCode, notes.body).toBe(200);
    expect(await outboxTo(ctx.db, p.plainEmail)).toHaveLength(2);
  });

  it('a cancelled meeting sends METHOD:CANCEL with the same UID; an invitee removed gets a cancellation, one added an invitation', async () => {
    const p = await invitees();
    const q = await invitees();
    const m = await schedule([p.plain]);
    const uid = parseCalendar((await outboxTo(ctx.db, p.plainEmail))[0]!.ical!).events[0]!.uid;
    const swapped = await coordinator.patch(`/api/meetings/${m.id}`, {
      version: m.version,
      invitees: [{ personId: q.plain.id, attendance: 'invited' }],
    });
    expect(swapped.statusCode, swapped.body).toBe(200);
    const removed = await outboxTo(ctx.db, p.plainEmail);
    expect(removed.map((r) => r.kind)).toEqual(['meeting.invitation', 'meeting.cancellation']);
    expect(parseCalendar(removed[1]!.ical!).comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect((await outboxTo(ctx.db, q.plainEmail)).map((r) => r.kind)).toEqual(['meeting.invitation']);

    const cancelled = await coordinator.patch(`/api/meetings/${m.id}`, { version: swapped.json().version, status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const sent = await outboxTo(ctx.db, q.plainEmail);
    expect(sent.map((r) => r.kind)).toEqual(['meeting.invitation', 'meeting.cancellation']);
    expect(sent[1]!.subject).toContain('Abgesagt: Sitzung des KPR');
    const { comp, events } = parseCalendar(sent[1]!.ical!);
    expect(comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.uid).toBe(uid);
    expect(events[0]!.sequence).toBeGreaterThan(parseCalendar(sent[0]!.ical!).events[0]!.sequence);
    expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('an account that switched meetings off gets nothing; a meeting on a past day invites nobody', async () => {
    const p = await invitees();
    await ctx.db
      .insertInto('mail_settings')
      .values({ user_id: p.account.id, meetings: 0, digest: 1, funding: 1, analysis: 1, updated_at: nowIso() })
      .execute();
    await schedule([p.withAccount, p.plain]);
    expect(await ctx.db.selectFrom('mail_outbox').select('id').where('user_id', '=', p.account.id).execute()).toEqual([]);
    expect(await outboxTo(ctx.db, p.plainEmail)).toHaveLength(1);
    const q = await invitees();
    await schedule([q.plain], { date: addDays(todayBerlin(), -3) });
    expect(await outboxTo(ctx.db, q.plainEmail)).toEqual([]);
  });
});
