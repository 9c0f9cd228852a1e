/*
 * What other features use of coaching: the alliance event form starts and ends a process in the
 * same step as its event (decision 035); the router composes the pages.
 */
export { useCoaches, useEndCoaching, useRunningCoaching, useStartCoaching } from './api.ts';
export { CoachSelect } from './components/coach-select.tsx';
