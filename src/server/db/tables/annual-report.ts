/*
 * Row types of the annual report's table (migration 2026_12_08_1100_create_annual_reports):
 * frozen versions, inserted once and never changed. Timestamps ISO UTC.
 */

export interface AnnualReportVersionsTable {
  year: number;
  number: number;
  snapshot_json: string;
  content_sha256: string;
  created_by: string;
  created_at: string;
}

export interface AnnualReportTables {
  annual_report_versions: AnnualReportVersionsTable;
}
