/* What other features use of the councils: the overdue tasks card of the home page. */
export { OverdueTasksCard } from './components/overdue-tasks-card.tsx';
