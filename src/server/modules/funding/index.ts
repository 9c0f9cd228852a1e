/* What other modules use of funding: prevention projects (a project idea of a security analysis becomes one), and the demo programme. */
export { addDemoFunding, type FundingDemoSummary } from './funding.demo.ts';
export { createProject } from './projects.service.ts';
export { findFundingContradictions } from './funding.consistency.ts';
export { getBudgetOverview, getFundedList, findProgrammeIdOfYear } from './funding.reports.ts';
export { listApplications } from './applications.service.ts';
