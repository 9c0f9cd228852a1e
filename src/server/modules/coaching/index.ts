/* What other modules use of coaching: the writes the councils' demo builds its coaching processes with. */
export { addSession, createCoach, endProcess, listProcesses, startProcess } from './coaching.service.ts';
export { listCoachingEventLinks } from './coaching.consistency.ts';
