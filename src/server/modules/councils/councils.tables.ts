import type { Generated } from 'kysely';

/*
 * Row types of the councils, organisations, coaching and training tables (migration
 * 2026_11_26_1900_create_councils). Dates `YYYY-MM-DD`, timestamps ISO UTC, booleans 0/1.
 */

export interface OrganisationsTable {
  id: Generated<number>;
  ags: string | null;
  name: string;
  type: string;
  street: string;
  postcode: string;
  city: string;
  notes: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A person (personal data). After erasure every personal column is empty and `erased_at` set. */
export interface PeopleTable {
  id: Generated<number>;
  ags: string | null;
  organisation_id: number | null;
  first_name: string;
  last_name: string;
  function: string;
  email: string | null;
  phone: string | null;
  legal_basis: string;
  purpose: string;
  consent_given_on: string | null;
  notes: string;
  erased_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CouncilsTable {
  id: Generated<number>;
  name: string;
  founding_resolution_date: string;
  constituted_on: string | null;
  steering_group: string;
  coordination_office: string;
  notes: string;
  feed_token_hash: string | null;
  feed_rotated_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CouncilMunicipalitiesTable {
  council_id: number;
  ags: string;
  resolution_event_id: number | null;
  constituted_event_id: number | null;
}

export interface CouncilDocumentsTable {
  id: Generated<number>;
  council_id: number;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface CouncilMembersTable {
  id: Generated<number>;
  council_id: number;
  person_id: number;
  role: string;
  organisation_id: number | null;
  steering_group: number;
  start_date: string;
  end_date: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CouncilMeetingsTable {
  id: Generated<number>;
  council_id: number;
  uid: string;
  title: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  status: string;
  minutes: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CouncilAgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  notes: string;
}

export interface CouncilDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  text: string;
}

export interface CouncilInviteesTable {
  meeting_id: number;
  person_id: number;
  attendance: string;
}

export interface CouncilTasksTable {
  id: Generated<number>;
  council_id: number;
  meeting_id: number | null;
  title: string;
  owner_person_id: number | null;
  due_date: string;
  status: string;
  completed_on: string | null;
  notes: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MunicipalPrioritiesTable {
  id: Generated<number>;
  ags: string;
  kind: string;
  field_id: number;
  title: string;
  description: string;
  priority: string;
  source: string;
  identified_on: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CoachesTable {
  id: Generated<number>;
  person_id: number;
  region: string;
  notes: string;
  active: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CoachingProcessesTable {
  id: Generated<number>;
  ags: string;
  coach_id: number;
  started_on: string;
  ended_on: string | null;
  goals: string;
  end_report: string;
  start_event_id: number | null;
  end_event_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CoachingSessionsTable {
  id: Generated<number>;
  process_id: number;
  date: string;
  notes: string;
  created_at: string;
}

export interface TrainingProgrammesTable {
  id: Generated<number>;
  code: string;
  kind: string;
  name: string;
  name_en: string;
  position: number;
  active: number;
}

export interface TrainingModulesTable {
  id: Generated<number>;
  programme_id: number;
  position: number;
  name: string;
  name_en: string;
}

export interface TrainingCoursesTable {
  id: Generated<number>;
  programme_id: number;
  title: string;
  place: string;
  capacity: number;
  starts_on: string | null;
  ends_on: string | null;
  notes: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TrainingCourseDatesTable {
  id: Generated<number>;
  course_id: number;
  module_position: number | null;
  starts_on: string;
  ends_on: string;
  place: string;
}

export interface TrainingEnrolmentsTable {
  id: Generated<number>;
  course_id: number;
  person_id: number;
  ags: string | null;
  status: string;
  enrolled_on: string;
  completed_on: string | null;
  certificate_number: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TrainingAttendanceTable {
  enrolment_id: number;
  module_position: number;
}

/** Every table of the councils, organisations, coaching and training modules, by name. */
export interface CouncilTables {
  organisations: OrganisationsTable;
  people: PeopleTable;
  councils: CouncilsTable;
  council_municipalities: CouncilMunicipalitiesTable;
  council_documents: CouncilDocumentsTable;
  council_members: CouncilMembersTable;
  council_meetings: CouncilMeetingsTable;
  council_agenda_items: CouncilAgendaItemsTable;
  council_decisions: CouncilDecisionsTable;
  council_invitees: CouncilInviteesTable;
  council_tasks: CouncilTasksTable;
  municipal_priorities: MunicipalPrioritiesTable;
  coaches: CoachesTable;
  coaching_processes: CoachingProcessesTable;
  coaching_sessions: CoachingSessionsTable;
  training_programmes: TrainingProgrammesTable;
  training_modules: TrainingModulesTable;
  training_courses: TrainingCoursesTable;
  training_course_dates: TrainingCourseDatesTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
}
