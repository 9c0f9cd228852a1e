import type { Generated } from 'kysely';

/*
 * Row types of the coaching tables (migration 2026_11_26_1900_create_councils). Dates `YYYY-MM-DD`,
 * timestamps ISO UTC, booleans 0/1.
 */

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

/** Every table of the coaching module, by name. */
export interface CoachingTables {
  coaches: CoachesTable;
  coaching_processes: CoachingProcessesTable;
  coaching_sessions: CoachingSessionsTable;
}
