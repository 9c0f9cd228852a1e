/*
 * What other features use of funding: the project picker, and the funding by field of action of the
 * ministry's home page. The router (app/router.tsx) composes its pages.
 */
export { FundingByFieldSection } from './components/budget-overview.tsx';
export { ProjectPicker } from './components/project-picker.tsx';
