import { z } from 'zod';
import {
  annualReportExportQuerySchema,
  annualReportPdfQuerySchema,
  annualReportSchema,
  annualReportVersionHeadSchema,
  freezeAnnualReportSchema,
  versionParamSchema,
  yearParamSchema,
} from '../../../shared/annual-report.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { assertPublicPageEnabled } from '../alliance/index.ts';
import { buildReportExport } from './annual-report.export.ts';
import { renderAnnualReportPdf } from './annual-report.pdf.ts';
import { annualReportPolicy as policy } from './annual-report.policy.ts';
import * as service from './annual-report.service.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['annual-report'];
const BASE = '/api/annual-reports';

/** The annual report: the live report of a year, its frozen versions, PDF and table exports, the public version. */
export async function annualReportRoutes(app: ZodApp): Promise<void> {
  app.get(
    `${BASE}/:year`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The annual report of a year from the data of this moment, with the list of its frozen versions',
        params: yearParamSchema,
        response: { 200: annualReportSchema, ...problemResponses },
      },
    },
    async (req) => service.getLiveReport(app.db, req.params.year),
  );

  app.get(
    `${BASE}/:year/versions`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The frozen versions of the annual report of a year',
        params: yearParamSchema,
        response: { 200: z.array(annualReportVersionHeadSchema), ...problemResponses },
      },
    },
    async (req) => service.listVersions(app.db, req.params.year),
  );

  app.post(
    `${BASE}/:year/versions`,
    {
      config: { access: policy.freeze },
      schema: {
        tags: TAGS,
        summary: 'Freeze the annual report of a year as a new version (never changed afterwards; 409 when another was frozen meanwhile)',
        params: yearParamSchema,
        body: freezeAnnualReportSchema,
        response: { 201: annualReportVersionHeadSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req.principal, req.id);
      try {
        const head = await app.db.transaction().execute((trx) => service.freezeReport(trx, actor, req.params.year, req.body));
        return reply.code(201).send(head);
      } catch (err) {
        // Two freezes of the same year at once: the other one took the number.
        if (isUniqueViolation(err)) return service.freezeConflict(app.db, req.params.year);
        throw err;
      }
    },
  );

  app.get(
    `${BASE}/:year/versions/:number`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'A frozen version of the annual report, exactly as stored',
        params: versionParamSchema,
        response: { 200: annualReportSchema, ...problemResponses },
      },
    },
    async (req) => service.getVersion(app.db, req.params.year, req.params.number),
  );

  app.get(
    `${BASE}/:year/report.pdf`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The annual report as PDF (German, tagged): the live report, or a frozen version with ?number=',
        params: yearParamSchema,
        querystring: annualReportPdfQuerySchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const report = await service.getReport(app.db, req.params.year, req.query.number);
      const pdf = await renderAnnualReportPdf(report.snapshot, report.number);
      const name = `jahresbericht-${req.params.year}${report.number === null ? '-aktuell' : `-fassung-${report.number}`}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    `${BASE}/:year/export`,
    {
      config: { access: policy.read },
      schema: {
        tags: TAGS,
        summary: 'The tables of the annual report as CSV or XLSX: the live report, or a frozen version with ?number=',
        params: yearParamSchema,
        querystring: annualReportExportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV or XLSX'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const report = await service.getReport(app.db, req.params.year, req.query.number);
      const file = await buildReportExport(report.snapshot, report.number, req.query.format, req.query.dialect);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/public/annual-reports',
    {
      config: { access: policy.public },
      schema: {
        tags: TAGS,
        summary: 'The published annual reports: the latest frozen version of each year (404 unless the public page is enabled)',
        response: { 200: z.array(annualReportVersionHeadSchema), ...problemResponses },
      },
    },
    async () => {
      await assertPublicPageEnabled(app.db);
      return service.listPublishedVersions(app.db);
    },
  );

  app.get(
    '/api/public/annual-reports/:year',
    {
      config: { access: policy.public },
      schema: {
        tags: TAGS,
        summary: 'The latest frozen annual report of a year (404 unless the public page is enabled and a version is frozen)',
        params: yearParamSchema,
        response: { 200: annualReportSchema, ...problemResponses },
      },
    },
    async (req) => {
      await assertPublicPageEnabled(app.db);
      const report = await service.getLatestVersion(app.db, req.params.year);
      // Who froze the versions is no business of the public.
      return { ...report, versions: report.versions.map((v) => ({ ...v, createdBy: '' })) };
    },
  );

  app.get(
    '/api/public/annual-reports/:year/report.pdf',
    {
      config: { access: policy.public },
      schema: {
        tags: TAGS,
        summary: 'The latest frozen annual report of a year as PDF (404 unless the public page is enabled and a version is frozen)',
        params: yearParamSchema,
        produces: ['application/pdf'],
        response: { 200: fileResponse('PDF'), ...problemResponses },
      },
    },
    async (req, reply) => {
      await assertPublicPageEnabled(app.db);
      const report = await service.getLatestVersion(app.db, req.params.year);
      const pdf = await renderAnnualReportPdf(report.snapshot, report.number);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`jahresbericht-${req.params.year}.pdf`))
        .header('cache-control', 'no-cache')
        .send(pdf);
    },
  );
}
