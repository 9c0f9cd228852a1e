import type { Kysely } from 'kysely';
import { addChecks, dropChecks, type TableCheck } from '../migration-helpers.ts';

/*
 * CHECK constraints, so that no write path (a service, an import, a manual SQL fix) can store a
 * status or kind the application does not know, a negative amount or count, or a boolean other
 * than 0/1. The allowed values are those of the shared enums (src/shared) when this migration was
 * written, copied here because a landed migration never changes; constraints.test.ts compares them
 * with the shared enums, so a new value there asks for a migration that widens the check. The
 * document tables are left alone: they are being replaced by one `documents` table.
 *
 * PostgreSQL adds the constraints with ALTER TABLE; SQLite rebuilds each table (migration-helpers.ts).
 */

/** Text columns that take one of a fixed list of values (NULL stays allowed where the column allows it). */
export const ALLOWED_VALUES: Record<string, Record<string, readonly string[]>> = {
  users: {
    role: ['admin', 'lpr', 'coordinator', 'police', 'ministry'],
    locale: ['de', 'en'],
  },
  sessions: { via: ['password', 'oidc'] },
  boundaries: { level: ['municipalities', 'districts'] },
  alliance_agreements: { status: ['active', 'cancelled'] },
  alliance_signatories: { party: ['municipality', 'police', 'council', 'ministry', 'other'] },
  alliance_events: {
    type: [
      'consultation',
      'pre_agreement_signed',
      'council_resolution',
      'agreement_signed',
      'agreement_amended',
      'agreement_terminated',
      'council_constituted',
      'coaching_started',
      'coaching_ended',
      'analysis_started',
      'analysis_completed',
      'strategy_adopted',
      'withdrawn',
      'resumed',
      'problem_fields_identified',
      'prevention_areas_defined',
    ],
    withdrawal_kind: ['withdrawal', 'pause'],
    status: ['active', 'corrected', 'cancelled'],
    source: ['api', 'import', 'demo'],
  },
  crime_imports: { level: ['district', 'municipality'] },
  surveys: { status: ['draft', 'fieldwork', 'closed'] },
  survey_codes: { state: ['unused', 'started', 'used'] },
  survey_responses: { channel: ['online', 'paper', 'import'] },
  survey_margin_sets: { source: ['manual', 'directory'] },
  survey_margins: { dimension: ['age_sex', 'sex', 'area'] },
  funding_projects: { status: ['idea', 'planned', 'running', 'completed', 'evaluated'] },
  funding_applications: {
    status: ['draft', 'submitted', 'in_review', 'approved', 'partly_approved', 'rejected', 'closed', 'repayment_demanded'],
    recommendation: ['approve', 'approve_partly', 'reject'],
  },
  funding_cost_items: {
    category: ['staff', 'material', 'fees', 'travel', 'public_relations', 'other', 'investment'],
    pay_grade: ['E7', 'E11', 'E14', 'E15'],
  },
  funding_reviews: { status: ['assigned', 'submitted'] },
  funding_payments: { kind: ['reimbursement', 'advance'], status: ['requested', 'paid'] },
  funding_proofs: { status: ['submitted', 'closed', 'repayment_demanded'] },
  organisations: { type: ['administration', 'police', 'school', 'youth', 'association', 'church', 'business', 'other'] },
  people: { legal_basis: ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'] },
  council_members: { role: ['chair', 'coordinator', 'permanent', 'advisory', 'guest'] },
  council_meetings: { status: ['planned', 'held', 'cancelled'] },
  council_invitees: { attendance: ['invited', 'present', 'excused', 'absent'] },
  council_tasks: { status: ['open', 'in_progress', 'done'] },
  municipal_priorities: {
    kind: ['problem_field', 'prevention_area'],
    priority: ['high', 'medium', 'low'],
    source: ['consultation', 'council_decision', 'security_analysis'],
  },
  training_programmes: { kind: ['qualification', 'study', 'workshop'] },
  training_enrolments: { status: ['enrolled', 'completed', 'withdrawn'] },
  security_analyses: { status: ['planned', 'running', 'completed'] },
  security_analysis_phases: {
    phase: [
      'kick_off',
      'register_sample',
      'letters',
      'field_period',
      'reminder',
      'returns',
      'area_profiles',
      'draft_report',
      'final_report',
      'strategy_workshop',
    ],
  },
  security_analysis_findings: { priority: ['high', 'medium', 'low'] },
  security_analysis_recommendations: { priority: ['high', 'medium', 'low'], decision: ['open', 'accepted', 'rejected'] },
  security_analysis_reports: { kind: ['draft', 'final'] },
};

/** Money (integer cents), counts, populations, areas and rates that are never negative. */
export const NOT_NEGATIVE: Record<string, readonly string[]> = {
  login_throttle: ['failures'],
  districts: ['area_ha', 'population', 'population_male'],
  municipalities: ['area_ha', 'population', 'population_male'],
  crime_imports: ['rows'],
  crime_district_figures: [
    'cases',
    'hz',
    'attempts',
    'cleared',
    'clearance_rate',
    'suspects',
    'suspects_male',
    'suspects_female',
    'suspects_non_german',
    'population',
  ],
  crime_municipality_figures: ['cases', 'cleared', 'suspects', 'population'],
  survey_codes: ['batch'],
  survey_margins: ['population'],
  funding_programmes: ['budget_cents', 'min_grant_cents', 'reimbursement_threshold_cents', 'commitment_seq'],
  funding_applications: [
    'total_cost_cents',
    'eligible_cost_cents',
    'own_cents',
    'own_in_kind_cents',
    'third_party_cents',
    'requested_cents',
    'recommended_cents',
    'approved_cents',
    'paid_cents',
    'repayment_cents',
  ],
  funding_cost_items: ['amount_cents', 'months'],
  funding_payments: ['requested_cents', 'proven_costs_cents', 'paid_cents'],
  funding_proofs: ['actual_total_cents', 'actual_eligible_cents', 'checked_eligible_cents', 'entitled_cents', 'repayment_cents'],
  training_courses: ['capacity'],
  security_analysis_areas: ['population'],
};

/** Shares in basis points: 0 to 10,000 (100 %). */
export const BASIS_POINTS: Record<string, readonly string[]> = {
  funding_programmes: ['max_share_bp', 'min_own_share_bp'],
};

/** Booleans stored as integers: 0 or 1. */
export const FLAGS: Record<string, readonly string[]> = {
  users: ['must_change_password', 'active'],
  districts: ['active'],
  associations: ['active'],
  municipalities: ['active'],
  fields_of_action: ['active'],
  crime_offences: ['summary'],
  crime_imports: ['demo'],
  funding_programmes: ['public_list'],
  funding_cost_items: ['eligible'],
  council_members: ['steering_group'],
  coaches: ['active'],
  training_programmes: ['active'],
};

/** Every check of this migration by table; names `<table>_<column>_ck`. */
export function checksByTable(): Record<string, TableCheck[]> {
  const out: Record<string, TableCheck[]> = {};
  const add = (table: string, column: string, expression: string) =>
    (out[table] ??= []).push({ name: `${table}_${column}_ck`, expression });
  for (const [table, columns] of Object.entries(ALLOWED_VALUES)) {
    for (const [column, values] of Object.entries(columns)) {
      if (values.some((v) => !/^[A-Za-z0-9_]+$/.test(v))) throw new Error(`Unexpected value in ${table}.${column}`);
      add(table, column, `"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`);
    }
  }
  for (const [table, columns] of Object.entries(NOT_NEGATIVE)) for (const column of columns) add(table, column, `"${column}" >= 0`);
  for (const [table, columns] of Object.entries(BASIS_POINTS))
    for (const column of columns) add(table, column, `"${column}" between 0 and 10000`);
  for (const [table, columns] of Object.entries(FLAGS)) for (const column of columns) add(table, column, `"${column}" in (0, 1)`);
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  await addChecks(db, checksByTable());
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropChecks(db, checksByTable());
}
