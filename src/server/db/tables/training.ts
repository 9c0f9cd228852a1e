import type { Generated } from 'kysely';

/*
 * Row types of the training tables (migration 2026_11_26_1900_create_councils). Dates `YYYY-MM-DD`,
 * timestamps ISO UTC, booleans 0/1.
 */

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

/** Every table of the training module, by name. */
export interface TrainingTables {
  training_programmes: TrainingProgrammesTable;
  training_modules: TrainingModulesTable;
  training_courses: TrainingCoursesTable;
  training_course_dates: TrainingCourseDatesTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
}
