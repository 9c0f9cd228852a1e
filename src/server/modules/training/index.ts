/* What other modules use of training: the writes the councils' demo builds its courses and enrolments with, and the figures of the annual report. */
export { createCourse, enrol, getFigures as getTrainingFigures, listProgrammes, updateEnrolment } from './training.service.ts';
