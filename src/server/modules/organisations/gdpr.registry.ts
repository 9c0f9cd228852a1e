/*
 * Every column in which a person's data may stand, for the export (Art. 15/20) and the erasure
 * (Art. 17) of a person. The people register itself (first and last name, e-mail address, phone)
 * is emptied by the erasure; the columns here are the ones in which users may have *written* a
 * person's name, e-mail address or phone number: free texts of every module and the audit trail.
 *
 * A new text column belongs either here or in NOT_PERSONAL below with the reason; the test
 * gdpr-registry.test.ts compares both lists with the tables of the database.
 */

export interface PersonalColumn {
  table: string;
  column: string;
  /** The columns that identify a row (the record id in the export). */
  key: readonly string[];
  /** `json`: the column holds JSON text, whose string values are searched and redacted. */
  format: 'text' | 'json';
  /** Columns whose erasure another module does (document file names: the documents module). */
  erasedBy?: 'documents';
}

const id = ['id'] as const;
const text = (table: string, ...columns: string[]): PersonalColumn[] =>
  columns.map((column) => ({ table, column, key: id, format: 'text' }));
const json = (table: string, ...columns: string[]): PersonalColumn[] =>
  columns.map((column) => ({ table, column, key: id, format: 'json' }));

export const PERSONAL_COLUMNS: readonly PersonalColumn[] = [
  // alliance
  ...text('alliance_agreements', 'title', 'council_party', 'notes', 'status_reason'),
  ...text('alliance_signatories', 'name', 'function'),
  ...text('alliance_events', 'topic', 'participants', 'notes', 'status_reason'),
  // councils
  ...text('councils', 'steering_group', 'coordination_office', 'notes'),
  ...text('council_meetings', 'title', 'place', 'minutes'),
  ...text('council_agenda_items', 'title', 'notes'),
  ...text('council_decisions', 'text'),
  ...text('council_tasks', 'title', 'notes'),
  ...text('municipal_priorities', 'title', 'description'),
  // organisations and people (other people's notes; the person's own row is emptied)
  ...text('organisations', 'name', 'notes'),
  ...text('people', 'function', 'purpose', 'notes'),
  // coaching and training
  ...text('coaches', 'notes'),
  ...text('coaching_processes', 'goals', 'end_report'),
  ...text('coaching_sessions', 'notes'),
  // effects: why the LPR chose a comparison group
  ...text('effect_comparisons', 'reason'),
  ...text('training_courses', 'title', 'place', 'notes'),
  ...text('training_course_dates', 'place'),
  // projects and funding
  ...text('funding_projects', 'title'),
  ...json('funding_projects', 'steps_json', 'partners_json', 'locations_json'),
  ...text(
    'funding_applications',
    'title',
    'small_grant_justification',
    'window_override_reason',
    'recommendation_summary',
    'decision_reason',
    'small_grant_exception',
  ),
  ...text('funding_cost_items', 'description'),
  ...text('funding_reviews', 'comment'),
  ...text('funding_payments', 'note'),
  ...text('funding_proofs', 'report', 'check_note'),
  ...text('funding_programme_versions', 'reason'),
  // security analyses
  ...text('security_analyses', 'title', 'contractor', 'notes'),
  ...text('municipality_areas', 'name', 'description'),
  ...text('security_analysis_findings', 'text', 'evidence'),
  ...text('security_analysis_recommendations', 'text', 'decision_note'),
  { table: 'security_analysis_reports', column: 'note', key: ['analysis_id', 'number'], format: 'text' },
  { table: 'security_analysis_reports', column: 'snapshot_json', key: ['analysis_id', 'number'], format: 'json' },
  // annual report: the names of funded projects stand in the frozen snapshots
  { table: 'annual_report_versions', column: 'snapshot_json', key: ['year', 'number'], format: 'json' },
  // surveys: free answers may name someone
  { table: 'survey_response_texts', column: 'text', key: ['response_id', 'question_id'], format: 'text' },
  { table: 'survey_drafts', column: 'answers_json', key: ['code_hash'], format: 'json' },
  { table: 'survey_paper_entries', column: 'answers_json', key: ['survey_id', 'sheet'], format: 'json' },
  // stored documents: the names of the files
  { table: 'documents', column: 'file_name', key: id, format: 'text', erasedBy: 'documents' },
  // outgoing mail: a meeting invitation names and addresses a person (kept until the outbox's retention, decision 023)
  ...text('mail_outbox', 'recipient', 'subject', 'html', 'text', 'ical'),
  // the audit trail: the before/after values of every change
  ...json('audit_log', 'before_json', 'after_json'),
];

/**
 * Text columns that hold no personal data written by users, with the reason. Columns named like
 * dates, times, codes, states and hashes are covered by NOT_PERSONAL_NAMES.
 */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  // Reference data and figures imported from public sources.
  states: 'official directory',
  districts: 'official directory',
  associations: 'official directory',
  municipalities: 'official directory',
  police_directorates: 'official directory',
  directorate_districts: 'official directory',
  boundaries: 'official boundaries',
  map_payloads: 'derived map data',
  fields_of_action: 'fixed catalogue',
  crime_offences: 'fixed catalogue',
  crime_offence_fields: 'fixed catalogue',
  crime_district_figures: 'published statistics',
  crime_municipality_figures: 'published statistics',
  crime_imports: 'import log: source file and the importing user account',
  crime_import_mappings: 'column mappings of import files',
  training_programmes: 'fixed catalogue',
  training_modules: 'fixed catalogue',
  funding_programmes: 'programme rules',
  'funding_programme_versions.rules_json': 'programme rules',
  // User accounts and their sessions are the users module's (deleting an account is its own process).
  users: 'user accounts (users module)',
  user_communes: 'user accounts (users module)',
  sessions: 'user accounts (users module)',
  login_throttle: 'user accounts (users module)',
  'audit_log.actor_label': 'the acting user account',
  'alliance_events.created_by_label': 'the acting user account',
  'security_analysis_reports.created_by': 'the acting user account',
  'annual_report_versions.created_by': 'the acting user account',
  'crime_imports.imported_by': 'the acting user account',
  'funding_programme_versions.changed_by_label': 'the acting user account',
  'effect_comparisons.chosen_by_label': 'the acting user account',
  'effect_comparisons.intervention_kind': 'code',
  'effect_comparisons.field_code': 'code',
  'effect_comparisons.units_json': 'municipality keys (AGS)',
  settings: 'configuration',
  'mail_outbox.category': 'code',
  'mail_outbox.language': 'code',
  'mail_outbox.ical_method': 'code',
  'mail_outbox.last_error': "the mail server's answer, with addresses cut out (decision 023)",
  'mail_outbox.message_id': 'technical id of a sent message',
  'mail_outbox.dedupe_key': 'technical key (ids and dates)',
  mail_outbox_attachments: 'attachments of outgoing mail: fixed file names and types; their bytes are documents the modules render',
  mail_tokens: 'purpose and hash of single-use links',
  jobs: 'background jobs: parameters, errors and files of long documents (survey letters), removed after a day',
  // Survey structure and anonymous codes.
  surveys: 'survey titles',
  survey_questionnaires: 'questionnaire definitions',
  survey_codes: 'anonymous codes',
  survey_responses: 'anonymous responses (their free texts are in survey_response_texts)',
  survey_margin_sets: 'population margins',
  survey_margins: 'population margins',
  survey_municipalities: 'survey areas',
  'councils.name': 'name of a body',
  'councils.feed_token_hash': 'secret hash',
  'council_meetings.uid': 'calendar id',
  'organisations.street': 'address of an organisation',
  'organisations.postcode': 'address of an organisation',
  'organisations.city': 'address of an organisation',
  'people.first_name': "the register's own columns, emptied by the erasure of that person",
  'people.last_name': "the register's own columns, emptied by the erasure of that person",
  'people.email': "the register's own columns, emptied by the erasure of that person",
  'people.phone': "the register's own columns, emptied by the erasure of that person",
  'people.legal_basis': 'code',
  'coaches.region': 'a region',
  'training_enrolments.certificate_number': 'emptied by the erasure of the enrolled person',
  'funding_proofs.actual_json': 'amounts',
  'funding_reviews.scores_json': 'scores',
  'funding_programmes.staff_caps_json': 'programme rules',
  'funding_cost_items.category': 'code',
  'funding_cost_items.pay_grade': 'code',
  'funding_applications.notice_number': 'reference number',
  'funding_applications.recommendation': 'code',
  'alliance_signatories.party': 'code',
  'alliance_agreements.reference': 'reference number',
  'alliance_events.withdrawal_kind': 'code',
  'alliance_events.source': 'code',
  'documents.owner_type': 'code',
  'documents.content_type': 'code',
  'audit_log.action': 'code',
  'audit_log.entity_type': 'code',
  'audit_log.entity_id': 'record id',
  'audit_log.request_id': 'request id',
  'security_analysis_phases.phase': 'code',
  'security_analysis_recommendations.decision': 'code',
  'security_analysis_reports.content_sha256': 'hash',
  'annual_report_versions.content_sha256': 'hash',
  'demo_rows.table_name': 'the name of a table the demo wrote to',
  'survey_paper_entries.sheet': 'sheet number',
  'survey_drafts.code_hash': 'hash of an anonymous code',
  'survey_response_texts.response_id': 'anonymous id',
  'survey_response_texts.question_id': 'question id',
};

/** Column names that never hold free text (dates, times, codes, states, hashes, areas). */
export const NOT_PERSONAL_NAMES =
  /(^at|_at|_on|_date|_start|_end|_time|^date|^ags|_ags|^ars|_ars|status|^kind|^type|type_code|^role|^level|^priority|^attendance|sha256|^locale|^channel|^source|^via|^state|^dimension|^cell|^offence_key|^key|^code|^name_en|^uid|^region|^ags)$/;
