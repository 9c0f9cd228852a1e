import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** One background job (a long document): its state, progress and, when done, its result file. */
export interface JobsTable {
  id: Generated<number>;
  /** What the job does; a worker runs it with the handler registered for this kind. */
  kind: string;
  /** The record the job belongs to (e.g. a survey), for access checks. */
  scope_type: string;
  scope_id: number;
  /** The municipality the job concerns, for access checks by commune. */
  ags: string | null;
  params_json: string;
  status: JobStatus;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  error: string | null;
  result: Buffer | null;
  result_type: string | null;
  result_name: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** The tables of background jobs, by name (extended by `Database`). */
export interface JobTables {
  jobs: JobsTable;
}
