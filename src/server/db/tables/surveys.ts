import type { Generated } from 'kysely';

/*
 * Row types of the citizen survey tables (migration 2026_11_26_1700_create_surveys). Dates are
 * `YYYY-MM-DD` text; survey tables hold no time of day anywhere near a response (decision 010).
 */

export type SurveyStatus = 'draft' | 'fieldwork' | 'closed';
export type SurveyCodeState = 'unused' | 'started' | 'used';
export type SurveyChannel = 'online' | 'paper' | 'import';

export interface SurveysTable {
  id: Generated<number>;
  title: string;
  status: SurveyStatus;
  field_start: string;
  field_end: string;
  /** Smallest group shown in any output; default 5, may be raised, never lowered. */
  k_min: Generated<number>;
  previous_survey_id: number | null;
  /** 0/1: the results may appear in the statewide benchmark (default 0, opt-in). */
  allows_comparison: Generated<number>;
  /** The current questionnaire version. */
  questionnaire_version: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_on: string | null;
  version: Generated<number>;
}

export interface SurveyMunicipalitiesTable {
  survey_id: number;
  ags: string;
}

export interface SurveyQuestionnairesTable {
  survey_id: number;
  version: number;
  definition_json: string;
  created_at: string;
}

/** A one-time access code, stored as its keyed hash only: no timestamp and no link to any response. */
export interface SurveyCodesTable {
  id: Generated<number>;
  survey_id: number;
  ags: string;
  /** HMAC-SHA256 of the code with the survey key, 64 hex signs; the code itself is never stored. */
  code_hash: string;
  state: SurveyCodeState;
  batch: number;
}

/** A partly answered questionnaire, resumable with its code (kept by the code's hash); deleted on submission. */
export interface SurveyDraftsTable {
  code_hash: string;
  survey_id: number;
  questionnaire_version: number;
  answers_json: string;
  saved_on: string;
}

/** An anonymous response: random UUID, day of receipt, the codebook vector as bytes. */
export interface SurveyResponsesTable {
  id: string;
  survey_id: number;
  ags: string | null;
  questionnaire_version: number;
  channel: SurveyChannel;
  received_on: string;
  answers: Uint8Array;
}

export interface SurveyResponseTextsTable {
  response_id: string;
  question_id: string;
  text: string;
}

/** The first entry of a paper return under double entry, waiting for the second. */
export interface SurveyPaperEntriesTable {
  survey_id: number;
  sheet: string;
  ags: string | null;
  questionnaire_version: number;
  answers_json: string;
  entered_by: number | null;
  entered_on: string;
}

/** The installation's survey key (one row, id 1): derives the codes of letters and hashes every code. */
export interface SurveyKeysTable {
  id: number;
  key: Uint8Array;
}

export interface SurveyTables {
  survey_keys: SurveyKeysTable;
  surveys: SurveysTable;
  survey_municipalities: SurveyMunicipalitiesTable;
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_codes: SurveyCodesTable;
  survey_drafts: SurveyDraftsTable;
  survey_responses: SurveyResponsesTable;
  survey_response_texts: SurveyResponseTextsTable;
  survey_paper_entries: SurveyPaperEntriesTable;
}
