import type { Generated } from 'kysely';

/*
 * Row types of the councils tables (migration 2026_11_26_1900_create_councils, which also created
 * the tables of organisations, coaching and training; their types live in those modules).
 * Dates `YYYY-MM-DD`, timestamps ISO UTC, booleans 0/1.
 */

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

/** Every table of the councils module, by name. */
export interface CouncilTables {
  councils: CouncilsTable;
  council_municipalities: CouncilMunicipalitiesTable;
  council_members: CouncilMembersTable;
  council_meetings: CouncilMeetingsTable;
  council_agenda_items: CouncilAgendaItemsTable;
  council_decisions: CouncilDecisionsTable;
  council_invitees: CouncilInviteesTable;
  council_tasks: CouncilTasksTable;
  municipal_priorities: MunicipalPrioritiesTable;
}
