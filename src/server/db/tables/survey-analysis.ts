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
  /** Trimming bound: the largest weight (mean 1), its inverse the smallest; null = no trimming (migration 2026_12_07_1200). */
  trim_upper: number | null;
}

/**
 * One population count of a margin: dimension = the variables' short names joined by "_" (`age_sex`, `age`, `sex`,
 * `area`, `education`, `sex_area`, …), cell = their option codes joined by ":" (`<age code>:<sex code>`).
 */
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
