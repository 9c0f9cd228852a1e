import type { Generated } from 'kysely';

/*
 * Row types of the projects and funding tables (migration 2026_11_26_1800). Money is integer
 * cents, shares basis points (9000 = 90 %), dates YYYY-MM-DD, timestamps ISO-8601 UTC.
 */

/** A prevention project of a municipality; its Beccaria steps, partners and locations as JSON. */
export interface FundingProjectsTable {
  id: Generated<number>;
  ags: string;
  title: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  steps_json: string;
  partners_json: string;
  locations_json: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface FundingProjectFieldsTable {
  project_id: number;
  field_id: number;
}

/** A funding programme of one year with its current rules. */
export interface FundingProgrammesTable {
  id: Generated<number>;
  year: number;
  name: string;
  budget_cents: number;
  window_opens: string;
  window_closes: string;
  max_share_bp: number;
  min_own_share_bp: number;
  min_grant_cents: number;
  reimbursement_threshold_cents: number;
  staff_caps_json: string;
  quotas_json: string;
  public_list: number;
  commitment_seq: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Every version of a programme's rules, with who changed them and why. */
export interface FundingProgrammeVersionsTable {
  id: Generated<number>;
  programme_id: number;
  version: number;
  rules_json: string;
  reason: string;
  changed_by: number | null;
  changed_by_label: string;
  changed_at: string;
}

export interface FundingApplicationsTable {
  id: Generated<number>;
  programme_id: number;
  project_id: number;
  ags: string;
  field_id: number;
  title: string;
  status: string;
  total_cost_cents: number;
  eligible_cost_cents: number;
  own_cents: number;
  own_in_kind_cents: number;
  third_party_cents: number;
  requested_cents: number;
  small_grant_justification: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  window_override_reason: string | null;
  recommendation: string | null;
  recommended_cents: number | null;
  recommendation_summary: string | null;
  approved_cents: number | null;
  decision_reason: string | null;
  small_grant_exception: string | null;
  decided_at: string | null;
  decided_by: number | null;
  notice_number: string | null;
  paid_cents: Generated<number>;
  repayment_cents: Generated<number>;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface FundingCostItemsTable {
  id: Generated<number>;
  application_id: number;
  position: number;
  category: string;
  description: string;
  amount_cents: number;
  pay_grade: string | null;
  months: number | null;
  eligible: number;
}

export interface FundingReviewsTable {
  id: Generated<number>;
  application_id: number;
  reviewer_id: number;
  status: string;
  scores_json: string | null;
  comment: string;
  assigned_by: number | null;
  assigned_at: string;
  submitted_at: string | null;
  version: Generated<number>;
}

export interface FundingPaymentsTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  status: string;
  requested_cents: number;
  proven_costs_cents: number | null;
  requested_on: string;
  note: string;
  paid_cents: number | null;
  paid_on: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The proof of use (Verwendungsnachweis) of an application, and its check. */
export interface FundingProofsTable {
  id: Generated<number>;
  application_id: number;
  actual_json: string;
  actual_total_cents: number;
  actual_eligible_cents: number;
  report: string;
  status: string;
  submitted_at: string;
  submitted_by: number | null;
  checked_eligible_cents: number | null;
  entitled_cents: number | null;
  repayment_cents: number | null;
  check_note: string | null;
  checked_at: string | null;
  checked_by: number | null;
  version: Generated<number>;
}

/** The tables of the projects and funding module, by name (extended by `Database`). */
export interface FundingTables {
  funding_projects: FundingProjectsTable;
  funding_project_fields: FundingProjectFieldsTable;
  funding_programmes: FundingProgrammesTable;
  funding_programme_versions: FundingProgrammeVersionsTable;
  funding_applications: FundingApplicationsTable;
  funding_cost_items: FundingCostItemsTable;
  funding_reviews: FundingReviewsTable;
  funding_payments: FundingPaymentsTable;
  funding_proofs: FundingProofsTable;
}
