/* What other modules use of training: the writes the councils' demo builds its courses and enrolments with. */
export { createCourse, enrol, listProgrammes, updateEnrolment } from './training.service.ts';
