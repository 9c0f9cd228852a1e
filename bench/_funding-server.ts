/*
 * The server under test for bench/funding-overview.ts, in its own process: one programme year with
 * 5,000 applications (one project each) in 130 municipalities of 13 districts, across the six
 * fields of action, with 50,000 cost items (ten each), a mix of statuses, approved and paid sums;
 * and a ministry user. Prints one JSON line with the URL, the session cookie and the programme id.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/server/auth/principal.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { chunksFor } from '../src/server/db/bulk.ts';
import { seededRandom } from '../src/server/modules/alliance/demo.ts';
import { createProgramme } from '../src/server/modules/funding/programmes.service.ts';
import { completeSteps } from '../src/server/modules/funding/test-support.ts';
import { createTestContext } from '../src/server/test/harness.ts';
import { nowIso } from '../src/shared/time.ts';
import { seedDirectory } from './_alliance-seed.ts';

export const APPLICATIONS = 5_000;
export const ITEMS_EACH = 10;

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const ctx = await createTestContext(dialect);
const db = ctx.db;
const rnd = seededRandom(2027);
const now = nowIso();

const { municipalities: places } = await seedDirectory(db, 130);
const fields = (await db.selectFrom('fields_of_action').select('id').execute()).map((f) => f.id);
const programme = await db.transaction().execute((trx) =>
  createProgramme(trx, SYSTEM_ACTOR, {
    year: 2027,
    budgetCents: 1_300_000_000_00,
    quotas: fields.slice(0, 3).map((fieldId) => ({ fieldId, quotaCents: 200_000_000_00 })),
  }),
);

const steps = JSON.stringify(completeSteps());
const projects = Array.from({ length: APPLICATIONS }, (_, i) => ({
  ags: places[i % places.length]!.ags,
  title: `Projekt ${i + 1}`,
  status: 'running',
  start_date: null,
  end_date: null,
  steps_json: steps,
  partners_json: '[]',
  locations_json: '[]',
  created_by: null,
  created_at: now,
  updated_at: now,
}));
const projectIds: number[] = [];
for (const chunk of chunksFor(projects, 11, 500))
  projectIds.push(...(await db.insertInto('funding_projects').values(chunk).returning('id').execute()).map((r) => r.id));

const STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'approved',
  'partly_approved',
  'rejected',
  'closed',
  'repayment_demanded',
] as const;
const apps = projectIds.map((projectId, i) => {
  const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
  const requested = 1_000_000 + Math.floor(rnd() * 4_000_000);
  const total = Math.ceil((requested * 10) / 9);
  const approved =
    status === 'approved' || status === 'closed' || status === 'repayment_demanded'
      ? requested
      : status === 'partly_approved'
        ? Math.floor(requested * 0.8)
        : status === 'rejected'
          ? 0
          : null;
  const paid = approved ? Math.floor(approved * rnd()) : 0;
  return {
    programme_id: programme.id,
    project_id: projectId,
    ags: projects[i]!.ags,
    field_id: fields[i % fields.length]!,
    title: `Projekt ${i + 1}`,
    status,
    total_cost_cents: total,
    eligible_cost_cents: total,
    own_cents: total - requested,
    own_in_kind_cents: 0,
    third_party_cents: 0,
    requested_cents: requested,
    approved_cents: approved,
    decided_at: approved === null ? null : now,
    notice_number: approved === null ? null : `ZB-2027-${String(i + 1).padStart(5, '0')}`,
    paid_cents: paid,
    repayment_cents: status === 'repayment_demanded' ? Math.floor(paid / 10) : 0,
    created_by: null,
    created_at: now,
    updated_at: now,
  };
});
const appIds: number[] = [];
for (const chunk of chunksFor(apps, 20, 500))
  appIds.push(...(await db.insertInto('funding_applications').values(chunk).returning('id').execute()).map((r) => r.id));
const categories = ['staff', 'material', 'fees', 'travel', 'public_relations', 'other', 'investment'];
const items = appIds.flatMap((applicationId, i) =>
  Array.from({ length: ITEMS_EACH }, (_, k) => ({
    application_id: applicationId,
    position: k + 1,
    category: categories[k % categories.length]!,
    description: `Position ${k + 1}`,
    amount_cents: Math.floor(apps[i]!.total_cost_cents / ITEMS_EACH),
    pay_grade: k % 7 === 0 ? 'E11' : null,
    months: k % 7 === 0 ? 6 : null,
    eligible: k % 7 === 6 ? 0 : 1,
  })),
);
for (const chunk of chunksFor(items, 9, 1000)) await db.insertInto('funding_cost_items').values(chunk).execute();

// Fresh statistics, as autovacuum and a long-running SQLite database would have them.
await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);

const ministry = await ctx.as('ministry');
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
process.stdout.write(
  `${JSON.stringify({ url, cookie: `praevis_session=${ministry.cookie}`, programmeId: programme.id, applications: appIds.length, costItems: items.length })}\n`,
);
const stop = async () => {
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
