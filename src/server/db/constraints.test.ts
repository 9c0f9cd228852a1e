import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementSchema,
  EVENT_SOURCES,
  EVENT_STATUSES,
  EVENT_TYPES,
  SIGNATORY_PARTIES,
  WITHDRAWAL_KINDS,
} from '../../shared/alliance.schema.ts';
import {
  ATTENDANCE,
  MEETING_STATUSES,
  MEMBER_ROLES,
  PRIORITY_KINDS,
  PRIORITY_LEVELS,
  PRIORITY_SOURCES,
  TASK_STATUSES,
} from '../../shared/councils.schema.ts';
import { importListItemSchema } from '../../shared/crime-stats.schema.ts';
import { COST_CATEGORIES, PAY_GRADES } from '../../shared/funding.rules.ts';
import {
  APPLICATION_STATUSES,
  PAYMENT_KINDS,
  paymentSchema,
  proofSchema,
  RECOMMENDATIONS,
  reviewSchema,
} from '../../shared/funding.schema.ts';
import { LEGAL_BASES, ORGANISATION_TYPES } from '../../shared/organisations.schema.ts';
import { PROJECT_STATUSES } from '../../shared/projects.schema.ts';
import { ROLES } from '../../shared/roles.ts';
import { ANALYSIS_PHASES, ANALYSIS_STATUSES, createReportSchema, DECISIONS, PRIORITIES } from '../../shared/security-analysis.schema.ts';
import { MARGIN_DIMENSIONS, marginsInputSchema } from '../../shared/survey-results.schema.ts';
import { CODE_STATES, SURVEY_CHANNELS, SURVEY_STATUSES } from '../../shared/surveys.schema.ts';
import { boundaryLevelSchema } from '../../shared/territory-import.schema.ts';
import { ENROLMENT_STATUSES, PROGRAMME_KINDS } from '../../shared/training.schema.ts';
import { localeSchema } from '../../shared/users.schema.ts';
import { createTestDatabase, DIALECTS } from '../test/databases.ts';
import { buildDistrict, buildMunicipality, buildUser } from '../test/factories.ts';
import type { DatabaseHandle } from './database.ts';
import { ALLOWED_VALUES, checksByTable } from './migrations/2026_12_06_1100_add_check_constraints.ts';
import { FOREIGN_KEY_INDEXES } from './migrations/2026_12_06_1200_add_foreign_key_indexes.ts';
import { MARGIN_DIMENSIONS as STORED_MARGIN_DIMENSIONS } from './migrations/2026_12_07_1200_widen_survey_margins.ts';
import { ADDED_CHECK, DROPPED_TABLE } from './migrations/2026_12_08_1700_move_named_areas_to_municipalities.ts';

/** The shared enums the CHECK constraints were taken from: a new value there needs a migration that widens the check. */
const SHARED_VALUES: Record<string, Record<string, readonly string[]>> = {
  users: { role: ROLES, locale: localeSchema.options },
  boundaries: { level: boundaryLevelSchema.options },
  alliance_agreements: { status: agreementSchema.shape.status.options },
  alliance_signatories: { party: SIGNATORY_PARTIES },
  alliance_events: { type: EVENT_TYPES, withdrawal_kind: WITHDRAWAL_KINDS, status: EVENT_STATUSES, source: EVENT_SOURCES },
  crime_imports: { level: importListItemSchema.shape.level.options },
  surveys: { status: SURVEY_STATUSES },
  survey_codes: { state: CODE_STATES },
  survey_responses: { channel: SURVEY_CHANNELS },
  survey_margin_sets: { source: marginsInputSchema.shape.source.unwrap().options },
  // Widened by 2026_12_07_1200_widen_survey_margins (compared with the shared list below).
  survey_margins: { dimension: ['age_sex', 'sex', 'area'] },
  funding_projects: { status: PROJECT_STATUSES },
  funding_applications: { status: APPLICATION_STATUSES, recommendation: RECOMMENDATIONS },
  funding_cost_items: { category: COST_CATEGORIES, pay_grade: PAY_GRADES },
  funding_reviews: { status: reviewSchema.shape.status.options },
  funding_payments: { kind: PAYMENT_KINDS, status: paymentSchema.shape.status.options },
  funding_proofs: { status: proofSchema.shape.status.options },
  organisations: { type: ORGANISATION_TYPES },
  people: { legal_basis: LEGAL_BASES },
  council_members: { role: MEMBER_ROLES },
  council_meetings: { status: MEETING_STATUSES },
  council_invitees: { attendance: ATTENDANCE },
  council_tasks: { status: TASK_STATUSES },
  municipal_priorities: { kind: PRIORITY_KINDS, priority: PRIORITY_LEVELS, source: PRIORITY_SOURCES },
  training_programmes: { kind: PROGRAMME_KINDS },
  training_enrolments: { status: ENROLMENT_STATUSES },
  security_analyses: { status: ANALYSIS_STATUSES },
  security_analysis_phases: { phase: ANALYSIS_PHASES },
  security_analysis_findings: { priority: PRIORITIES },
  security_analysis_recommendations: { priority: PRIORITIES, decision: DECISIONS },
  security_analysis_reports: { kind: createReportSchema.shape.kind.options },
};

/** Whether a database error is a CHECK violation (SQLite and PostgreSQL). */
function isCheckViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

async function rejected(run: Promise<unknown>): Promise<boolean> {
  try {
    await run;
    return false;
  } catch (err) {
    if (isCheckViolation(err)) return true;
    throw err;
  }
}

describe('check constraints follow the shared enums', () => {
  it('allow exactly the values of the shared enums', () => {
    const sessionVia: readonly string[] = ['password', 'oidc'] satisfies readonly ('password' | 'oidc')[];
    expect(ALLOWED_VALUES).toEqual({ ...SHARED_VALUES, sessions: { via: sessionVia } });
    expect([...STORED_MARGIN_DIMENSIONS]).toEqual([...MARGIN_DIMENSIONS]);
  });
});

describe.each(DIALECTS)('database invariants on %s', (dialect) => {
  let handle: DatabaseHandle;
  const NOW = '2026-01-01T00:00:00.000Z';
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await handle?.destroy();
  });

  it('has every check constraint of the migration', async () => {
    const expected = Object.entries(checksByTable())
      .filter(([table]) => table !== DROPPED_TABLE)
      .flatMap(([, checks]) => checks.map((c) => c.name))
      .concat(ADDED_CHECK.name)
      .sort();
    const names =
      dialect === 'postgres'
        ? (await sql<{ name: string }>`select conname as name from pg_constraint where contype = 'c'`.execute(handle.db)).rows.map(
            (r) => r.name,
          )
        : (
            await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and sql is not null`.execute(handle.db)
          ).rows.flatMap((r) => [...r.sql.matchAll(/constraint "([a-z0-9_]+_ck)" check/g)].map((m) => m[1]!));
    expect(names.filter((n) => n.endsWith('_ck')).sort()).toEqual(expected);
  });

  it('rejects an unknown status written by plain SQL, and accepts a known one', async () => {
    const insert = (status: string) =>
      sql`insert into surveys (title, status, field_start, field_end, created_at, updated_at)
      values ('Befragung', ${status}, '2026-03-01', '2026-04-30', ${NOW}, ${NOW})`.execute(handle.db);
    expect(await rejected(insert('archived'))).toBe(true);
    expect(await rejected(insert('draft'))).toBe(false);
  });

  it('rejects a negative amount of money, and accepts zero', async () => {
    const insert = (year: number, budget: number) =>
      sql`insert into funding_programmes
      (year, name, budget_cents, window_opens, window_closes, max_share_bp, min_own_share_bp, min_grant_cents, reimbursement_threshold_cents, staff_caps_json, created_at, updated_at)
      values (${year}, 'Förderprogramm', ${budget}, '2026-01-01', '2026-03-31', 9000, 1000, 0, 0, '{}', ${NOW}, ${NOW})`.execute(handle.db);
    expect(await rejected(insert(2030, -1))).toBe(true);
    expect(await rejected(insert(2030, 0))).toBe(false);
  });

  it('rejects a share above 100 % and a boolean other than 0 or 1', async () => {
    expect(
      await rejected(
        sql`insert into funding_programmes
      (year, name, budget_cents, window_opens, window_closes, max_share_bp, min_own_share_bp, min_grant_cents, reimbursement_threshold_cents, staff_caps_json, created_at, updated_at)
      values (2031, 'Förderprogramm', 100, '2026-01-01', '2026-03-31', 10001, 1000, 0, 0, '{}', ${NOW}, ${NOW})`.execute(handle.db),
      ),
    ).toBe(true);
    const user = await buildUser(handle.db, 'lpr');
    expect(await rejected(sql`update users set active = 2 where id = ${user.id}`.execute(handle.db))).toBe(true);
    expect(await rejected(sql`update users set active = 0 where id = ${user.id}`.execute(handle.db))).toBe(false);
  });

  it('rejects a negative count in a municipality and an unknown event type, and allows NULL where the column does', async () => {
    const district = await buildDistrict(handle.db);
    const m = await buildMunicipality(handle.db, { district_ags: district.ags });
    expect(await rejected(sql`update municipalities set population = -5 where ags = ${m.ags}`.execute(handle.db))).toBe(true);
    expect(await rejected(sql`update municipalities set population = null where ags = ${m.ags}`.execute(handle.db))).toBe(false);
    const event = (type: string) =>
      sql`insert into alliance_events (ags, type, date, created_by_label, created_at)
      values (${m.ags}, ${type}, '2026-02-01', 'Test', ${NOW})`.execute(handle.db);
    expect(await rejected(event('agreement_lost'))).toBe(true);
    expect(await rejected(event('consultation'))).toBe(false);
  });

  it('indexes the foreign-key columns that are searched; the others only record who or which event', async () => {
    const fks = await foreignKeysWithoutIndex(handle, dialect);
    for (const [table, column] of FOREIGN_KEY_INDEXES) expect(fks, `${table}.${column}`).not.toContain(`${table}.${column}`);
    const documentTables = new Set(['alliance_documents', 'council_documents', 'funding_documents', 'documents']);
    const unexpected = fks.filter((fk) => !/_(by|event_id)$/.test(fk) && !documentTables.has(fk.split('.')[0]!));
    expect(unexpected, 'foreign-key columns without an index').toEqual([]);
  });
});

/** `table.column` of every single-column foreign key that is not the leading column of an index (or the rowid). */
async function foreignKeysWithoutIndex(handle: DatabaseHandle, dialect: string): Promise<string[]> {
  if (dialect === 'postgres') {
    const rows = await sql<{ fk: string }>`
      select c.conrelid::regclass::text || '.' || a.attname as fk
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
      order by 1`.execute(handle.db);
    return rows.rows.map((r) => r.fk);
  }
  const tables = (
    await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db)
  ).rows;
  const out: string[] = [];
  for (const { name } of tables) {
    const leading = new Set(
      (await sql<{ name: string }>`select name from pragma_table_info(${name}) where pk = 1`.execute(handle.db)).rows.map((r) => r.name),
    );
    for (const index of (await sql<{ name: string }>`select name from pragma_index_list(${name})`.execute(handle.db)).rows) {
      const first = (await sql<{ name: string }>`select name from pragma_index_info(${index.name}) where seqno = 0`.execute(handle.db))
        .rows[0];
      if (first) leading.add(first.name);
    }
    for (const fk of (await sql<{ from: string }>`select "from" from pragma_foreign_key_list(${name})`.execute(handle.db)).rows) {
      if (!leading.has(fk.from)) out.push(`${name}.${fk.from}`);
    }
  }
  return out.sort();
}
