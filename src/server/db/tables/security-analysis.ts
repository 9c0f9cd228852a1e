import type { Generated } from 'kysely';

/* Row types of the security analysis tables (migration 2026_11_26_2000_create_security_analyses). */

export interface SecurityAnalysesTable {
  id: Generated<number>;
  ags: string;
  title: Generated<string>;
  contractor: string;
  /** planned | running | completed */
  status: Generated<string>;
  survey_id: number | null;
  started_on: string | null;
  completed_on: string | null;
  started_event_id: number | null;
  completed_event_id: number | null;
  notes: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SecurityAnalysisPhasesTable {
  analysis_id: number;
  phase: string;
  position: number;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
}

export interface SecurityAnalysisFindingsTable {
  id: Generated<number>;
  analysis_id: number;
  position: number;
  text: string;
  evidence: string;
  field_id: number;
  priority: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SecurityAnalysisRecommendationsTable {
  id: Generated<number>;
  analysis_id: number;
  position: number;
  text: string;
  priority: string;
  decision: Generated<string>;
  decided_on: string | null;
  decision_note: Generated<string>;
  problem_field_id: number | null;
  project_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SecurityAnalysisRecommendationFindingsTable {
  recommendation_id: number;
  finding_id: number;
}

export interface SecurityAnalysisReportsTable {
  analysis_id: number;
  number: number;
  kind: string;
  snapshot_json: string;
  content_sha256: string;
  note: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface SecurityAnalysisTables {
  security_analyses: SecurityAnalysesTable;
  security_analysis_phases: SecurityAnalysisPhasesTable;
  security_analysis_findings: SecurityAnalysisFindingsTable;
  security_analysis_recommendations: SecurityAnalysisRecommendationsTable;
  security_analysis_recommendation_findings: SecurityAnalysisRecommendationFindingsTable;
  security_analysis_reports: SecurityAnalysisReportsTable;
}
