/* What other features use of this feature: the public page's list of published annual reports. The router composes its page. */
export { PublishedAnnualReports } from './components/published-reports.tsx';
