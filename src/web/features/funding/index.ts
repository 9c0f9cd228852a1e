/* What other features use of funding: the funding by field of action of the ministry's home page. */
export { FundingByFieldSection } from './components/budget-overview.tsx';
