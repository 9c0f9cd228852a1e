import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { buildDemoDirectory } from '../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { nowIso } from '../../../shared/time.ts';
import { addDemoData, removeDemoData } from './demo.service.ts';

/*
 * The demo label and `praevis demo --remove` (decision 036): while demo data exist the API says so
 * and every export is labelled; the removal deletes exactly the rows the demo created – refusing
 * while a later row refers to one of them – and leaves every other row as it was.
 */

/** Tables whose rows change with any use (the audit trail, counters, sessions), left out of the comparison. */
const VOLATILE = new Set([
  'audit_log',
  'settings',
  'sessions',
  'rate_limits',
  'login_throttle',
  'demo_rows',
  'kysely_migration',
  'kysely_migration_lock',
]);

async function countAll(db: DbOrTrx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of (await db.introspection.getTables()).map((x) => x.name).sort()) {
    if (VOLATILE.has(t)) continue;
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

describe.each(DIALECTS)('demo label and removal on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let realEventId: number;
  let before: Record<string, number>;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const [district] = await buildDemoDirectory(ctx.db, { districts: 3, municipalities: 60, directorates: 1 });
    // The staff account that reviews the demo applications.
    lpr = await ctx.as('lpr');
    // A real entry recorded before the demo: it must outlive the removal.
    const res = await lpr.post(`/api/alliance/municipalities/${district}100/events`, { type: 'consultation', date: '2024-01-10' });
    expect(res.statusCode, res.body).toBe(201);
    realEventId = res.json().id;
    before = await countAll(ctx.db);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const demoStatus = async () => (await ctx.anonymous.get('/api/demo')).json();

  it('labels the API and the exports while demo data exist, and removes exactly them', { timeout: 300_000 }, async () => {
    expect(await demoStatus()).toEqual({ demo: false });
    const plain = await lpr.get('/api/alliance/export?table=districts&format=csv');
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.body).not.toContain('Demo-Daten');

    await addDemoData(ctx.db, SYSTEM_ACTOR, { force: false });
    expect(await demoStatus()).toEqual({ demo: true });
    const labelled = await lpr.get('/api/alliance/export?table=districts&format=csv');
    expect(labelled.statusCode, labelled.body).toBe(200);
    expect(labelled.body.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(/^Demo-Daten: fiktive Einträge/);
    expect(labelled.headers['content-disposition']).toContain('filename="Demo-Daten_allianz-districts-');
    const xlsx = await lpr.get('/api/alliance/export?table=districts&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('Demo-Daten_');

    const during = await countAll(ctx.db);
    expect(during.alliance_events).toBeGreaterThan(before.alliance_events!);
    expect(during.councils).toBeGreaterThan(before.councils ?? 0);
    expect(during.surveys).toBeGreaterThan(before.surveys ?? 0);

    // A later entry on a demo council stops the removal, naming its table; nothing is deleted.
    const council = await ctx.db.selectFrom('councils').select('id').where('name', 'like', '[Demo]%').executeTakeFirstOrThrow();
    const now = nowIso();
    const { id: taskId } = await ctx.db
      .insertInto('council_tasks')
      .values({
        council_id: council.id,
        meeting_id: null,
        title: 'Spielplatz prüfen',
        owner_person_id: null,
        due_date: '2026-01-31',
        status: 'open',
        completed_on: null,
        notes: '',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(removeDemoData(ctx.db, SYSTEM_ACTOR)).rejects.toMatchObject({ kind: 'rule-violation' });
    await expect(removeDemoData(ctx.db, SYSTEM_ACTOR)).rejects.toThrow(/council_tasks \(1\)/);
    expect(await countAll(ctx.db)).toEqual({ ...during, council_tasks: during.council_tasks! + 1 });
    await ctx.db.deleteFrom('council_tasks').where('id', '=', taskId).execute();

    const removed = await removeDemoData(ctx.db, SYSTEM_ACTOR);
    expect(removed.total).toBeGreaterThan(0);
    expect(await countAll(ctx.db)).toEqual(before);
    expect(await ctx.db.selectFrom('alliance_events').select('id').where('id', '=', realEventId).executeTakeFirst()).toBeDefined();
    expect(await demoStatus()).toEqual({ demo: false });
    const after = await lpr.get('/api/alliance/export?table=districts&format=csv');
    expect(after.body).not.toContain('Demo-Daten');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'demo_data')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('delete');
    expect(JSON.parse(audit.after_json!).total).toBe(removed.total);

    // Nothing is left to remove; the demo can be added again.
    expect(await removeDemoData(ctx.db, SYSTEM_ACTOR)).toEqual({ deleted: {}, total: 0 });
    await addDemoData(ctx.db, SYSTEM_ACTOR, { force: false });
    expect(await demoStatus()).toEqual({ demo: true });
  });
});
