/* What other features use of the councils: the overdue tasks card of the home page. */
export { OverdueTasksCard } from './components/overdue-tasks-card.tsx';
/* The problem fields and prevention areas of a municipality, on its page. */
export { PrioritiesSection } from './components/priorities-section.tsx';
