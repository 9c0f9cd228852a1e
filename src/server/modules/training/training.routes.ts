import { z } from 'zod';
import { pageOf } from '../../../shared/common.schema.ts';
import { idParam } from '../../../shared/organisations.schema.ts';
import {
  courseSchema,
  coursesQuerySchema,
  courseSummarySchema,
  createCourseSchema,
  enrolmentSchema,
  enrolSchema,
  programmeSchema,
  trainingExportQuerySchema,
  trainingFiguresQuerySchema,
  trainingFiguresSchema,
  updateCourseSchema,
  updateEnrolmentSchema,
} from '../../../shared/training.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { trainingPolicy } from './training.policy.ts';
import * as service from './training.service.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['training'];

/** Training programmes, courses, enrolments, certificates and figures. */
export async function trainingRoutes(app: ZodApp): Promise<void> {
  app.get(
    '/api/training/programmes',
    {
      config: { access: trainingPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Training programmes with their modules',
        response: { 200: z.array(programmeSchema), ...problemResponses },
      },
    },
    async () => service.listProgrammes(app.db),
  );

  app.get(
    '/api/training/courses',
    {
      config: { access: trainingPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'Courses and cohorts with free places',
        querystring: coursesQuerySchema,
        response: { 200: pageOf(courseSummarySchema), ...problemResponses },
      },
    },
    async (req) => service.listCourses(app.db, req.query),
  );

  app.post(
    '/api/training/courses',
    {
      config: { access: trainingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Create a course or cohort with dates, places and capacity',
        body: createCourseSchema,
        response: { 201: courseSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await app.db.transaction().execute((trx) => service.createCourse(trx, req.principal!, actorOf(req.principal, req.id), req.body)),
        ),
  );

  app.get(
    '/api/training/courses/:id',
    {
      config: { access: trainingPolicy.read },
      schema: {
        tags: TAGS,
        summary: 'A course with dates, modules and the enrolments the caller may see',
        params: idParam,
        response: { 200: courseSchema, ...problemResponses },
      },
    },
    async (req) => service.getCourse(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/training/courses/:id',
    {
      config: { access: trainingPolicy.manage },
      schema: {
        tags: TAGS,
        summary: 'Change a course (optimistic locking)',
        params: idParam,
        body: updateCourseSchema,
        response: { 200: courseSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updateCourse(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/training/courses/:id/enrolments',
    {
      config: { access: trainingPolicy.enrol },
      schema: {
        tags: TAGS,
        summary: 'Enrol a person (a full course is refused with 422 naming the field courseId)',
        params: idParam,
        body: enrolSchema,
        response: { 201: enrolmentSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await app.db
            .transaction()
            .execute((trx) => service.enrol(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
        ),
  );

  app.patch(
    '/api/training/enrolments/:id',
    {
      config: { access: trainingPolicy.enrol },
      schema: {
        tags: TAGS,
        summary: 'Attendance per module, completion, withdrawal (optimistic locking; coordinators may only withdraw)',
        params: idParam,
        body: updateEnrolmentSchema,
        response: { 200: enrolmentSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updateEnrolment(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/training/enrolments/:id/certificate',
    {
      config: { access: trainingPolicy.enrol },
      schema: {
        tags: TAGS,
        summary: 'The certificate of a completed enrolment (PDF)',
        params: idParam,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await service.certificatePdf(app.db, req.principal!, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/training/figures',
    {
      config: { access: trainingPolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'Enrolments, completions and withdrawals per municipality or district and year',
        querystring: trainingFiguresQuerySchema,
        response: { 200: trainingFiguresSchema, ...problemResponses },
      },
    },
    async (req) => service.getFigures(app.db, req.query),
  );

  app.get(
    '/api/training/figures/export',
    {
      config: { access: trainingPolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'The training figures as CSV or XLSX',
        querystring: trainingExportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV or XLSX'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await service.exportFigures(app.db, req.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
