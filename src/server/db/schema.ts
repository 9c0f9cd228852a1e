import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CoachingTables } from './tables/coaching.ts';
import type { CouncilTables } from './tables/councils.ts';
import type { OrganisationTables } from './tables/organisations.ts';
import type { TrainingTables } from './tables/training.ts';
import type { SurveyTables } from './tables/surveys.ts';
import type { SurveyAnalysisTables } from './tables/survey-analysis.ts';
import type { FundingTables } from './tables/funding.ts';
import type { SecurityAnalysisTables } from './tables/security-analysis.ts';
import type { DocumentTables } from './tables/documents.ts';
import type { JobTables } from './tables/jobs.ts';
import type { MailTables } from './tables/mail.ts';
import type { EffectTables } from './tables/effects.ts';
import type { AnnualReportTables } from './tables/annual-report.ts';

/**
 * Row types of every table. Timestamps are ISO-8601 UTC strings, calendar dates `YYYY-MM-DD`,
 * booleans 0/1 and money integer cents, so that SQLite and PostgreSQL behave the same.
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  must_change_password: number;
  oidc_subject: string | null;
  directorate_id: number | null;
  active: number;
  locale: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserCommunesTable {
  user_id: number;
  ags: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  via: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** Requests of one key (a session or an address, hashed) in one minute, shared by every server process. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  version: Generated<number>;
  updated_at: string;
}

export interface StatesTable {
  ags: string;
  name: string;
  seat: string | null;
  status_date: string;
}

export interface DistrictsTable {
  ags: string;
  name: string;
  type_code: string;
  seat: string | null;
  state_ags: string;
  area_ha: number | null;
  population: number | null;
  population_male: number | null;
  active: number;
  status_date: string;
}

export interface AssociationsTable {
  ars: string;
  name: string;
  type_code: string;
  seat: string | null;
  district_ags: string;
  active: number;
  status_date: string;
}

export interface MunicipalitiesTable {
  ags: string;
  ars: string;
  name: string;
  type_code: string;
  district_ags: string;
  association_ars: string | null;
  area_ha: number | null;
  population: number | null;
  population_male: number | null;
  postcode: string | null;
  active: number;
  status_date: string;
  version: Generated<number>;
  updated_at: string;
}

/** A named area (Ortsteil) of a municipality, in the order the municipality lists them (migration 2026_12_08_1700). */
export interface MunicipalityAreasTable {
  id: Generated<number>;
  ags: string;
  position: number;
  name: string;
  population: number | null;
  description: Generated<string>;
}

export interface PoliceDirectoratesTable {
  id: Generated<number>;
  name: string;
  version: Generated<number>;
}

export interface DirectorateDistrictsTable {
  directorate_id: number;
  district_ags: string;
}

/** One imported boundary (GeoJSON geometry, WGS84) of a municipality or district, keyed by level and AGS. */
export interface BoundariesTable {
  level: string;
  ags: string;
  name: string;
  geometry_json: string;
  source: string;
  imported_at: string;
}

/** A map payload precomputed on import (simplified TopoJSON with attribution), served with its ETag. */
export interface MapPayloadsTable {
  key: string;
  payload_json: string;
  etag: string;
  updated_at: string;
}

/** A cooperation agreement (Kooperationsvereinbarung); its parties and dates come from its events. */
export interface AllianceAgreementsTable {
  id: Generated<number>;
  reference: string | null;
  title: string;
  directorate_id: number | null;
  council_party: string;
  notes: string;
  status: string;
  status_reason: string | null;
  /** cooperation (counted), amendment or additional (recorded beside it, never counted); decision 005 */
  kind: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface AllianceSignatoriesTable {
  id: Generated<number>;
  agreement_id: number;
  position: number;
  name: string;
  function: string;
  party: string;
  ags: string | null;
}

/** A dated alliance event of one municipality; corrected and cancelled rows stay, linked. */
export interface AllianceEventsTable {
  id: Generated<number>;
  ags: string;
  type: string;
  date: string;
  agreement_id: number | null;
  topic: string | null;
  participants: string | null;
  withdrawal_kind: string | null;
  notes: string;
  status: string;
  corrects_id: number | null;
  superseded_by_id: number | null;
  status_reason: string | null;
  status_changed_at: string | null;
  status_changed_by: number | null;
  source: string;
  created_by: number | null;
  created_by_label: string;
  created_at: string;
  version: Generated<number>;
}

/** A field of action (Handlungsfeld): a small configurable catalogue. */
export interface FieldsOfActionTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  position: number;
  active: number;
}

export interface CrimeOffencesTable {
  key: string;
  name: string;
  summary: number;
  version: Generated<number>;
}

export interface CrimeOffenceFieldsTable {
  offence_key: string;
  field_id: number;
}

export interface CrimeImportsTable {
  id: Generated<number>;
  level: string;
  year: number;
  source: string;
  source_label: string;
  sha256: string;
  rows: number;
  demo: number;
  imported_at: string;
  imported_by: string;
}

export interface CrimeDistrictFiguresTable {
  year: number;
  offence_key: string;
  district_ags: string;
  district_name: string;
  district_type: string | null;
  cases: number;
  hz: number | null;
  attempts: number | null;
  cleared: number | null;
  clearance_rate: number | null;
  suspects: number | null;
  suspects_male: number | null;
  suspects_female: number | null;
  suspects_non_german: number | null;
  population: number | null;
  import_id: number;
}

export interface CrimeMunicipalityFiguresTable {
  year: number;
  offence_key: string;
  ags: string;
  cases: number;
  cleared: number | null;
  suspects: number | null;
  population: number | null;
  import_id: number;
}

export interface CrimeImportMappingsTable {
  id: Generated<number>;
  name: string;
  mapping_json: string;
  version: Generated<number>;
  updated_at: string;
}

export interface Database
  extends
    FundingTables,
    SurveyTables,
    OrganisationTables,
    CouncilTables,
    CoachingTables,
    TrainingTables,
    SurveyAnalysisTables,
    SecurityAnalysisTables,
    DocumentTables,
    JobTables,
    MailTables,
    EffectTables,
    AnnualReportTables {
  users: UsersTable;
  user_communes: UserCommunesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  states: StatesTable;
  districts: DistrictsTable;
  associations: AssociationsTable;
  municipalities: MunicipalitiesTable;
  municipality_areas: MunicipalityAreasTable;
  police_directorates: PoliceDirectoratesTable;
  directorate_districts: DirectorateDistrictsTable;
  alliance_agreements: AllianceAgreementsTable;
  alliance_signatories: AllianceSignatoriesTable;
  alliance_events: AllianceEventsTable;
  boundaries: BoundariesTable;
  map_payloads: MapPayloadsTable;
  fields_of_action: FieldsOfActionTable;
  crime_offences: CrimeOffencesTable;
  crime_offence_fields: CrimeOffenceFieldsTable;
  crime_imports: CrimeImportsTable;
  crime_district_figures: CrimeDistrictFiguresTable;
  crime_municipality_figures: CrimeMunicipalityFiguresTable;
  crime_import_mappings: CrimeImportMappingsTable;
  demo_rows: DemoRowsTable;
}

/** A row `praevis demo` created (decision 036): the table and its id. */
export interface DemoRowsTable {
  table_name: string;
  row_id: number;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type MunicipalityRow = Selectable<MunicipalitiesTable>;
