/*
 * Row types of the survey analysis tables (migration 2026_11_26_1710_create_survey_analysis):
 * the population margins a survey is weighted to, and their header with the version.
 */

/** The header of a survey's margins: one row per survey, versioned for concurrent edits. */
export interface SurveyMarginSetsTable {
  survey_id: number;
  /** `manual` (entered) or `directory` (sex totals taken from the municipality directory, then edited or not). */
  source: string;
  version: number;
  updated_at: string;
  updated_by: number | null;
}

/** One population count: dimension `age_sex` (cell `<age code>:<sex code>`), `sex` (cell = sex code) or `area` (cell = area code). */
export interface SurveyMarginsTable {
  survey_id: number;
  dimension: string;
  cell: string;
  population: number;
}

export interface SurveyAnalysisTables {
  survey_margin_sets: SurveyMarginSetsTable;
  survey_margins: SurveyMarginsTable;
}
