/* What other modules use of the annual report: nothing yet; the effects section will be assembled in annual-report.service.ts. */
export { buildSnapshot as buildAnnualReportSnapshot } from './annual-report.service.ts';
