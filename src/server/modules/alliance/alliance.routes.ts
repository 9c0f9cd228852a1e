import { z } from 'zod';
import {
  agreementFigureQuerySchema,
  agreementFigureRowsSchema,
  agreementEventsSchema,
  agreementIdParamSchema,
  agreementSchema,
  agsParamSchema,
  allianceEventSchema,
  allianceSettingsSchema,
  atQuerySchema,
  cancelSchema,
  correctEventSchema,
  createAgreementSchema,
  eventIdParamSchema,
  exportQuerySchema,
  factBoxQuerySchema,
  factBoxSchema,
  figuresSchema,
  importQuerySchema,
  importResultSchema,
  municipalityDetailSchema,
  municipalityStatusRowSchema,
  publicFigureQuerySchema,
  publicFigureRowsSchema,
  publicInfoSchema,
  publicMemberSchema,
  recordEventSchema,
  seriesQuerySchema,
  seriesSchema,
  statusListQuerySchema,
  updateAgreementSchema,
  updateAllianceSettingsSchema,
} from '../../../shared/alliance.schema.ts';
import { pageOf } from '../../../shared/common.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { buildExportTables, renderExport } from './alliance.export.ts';
import { registerDocumentOwner } from '../documents/index.ts';
import { agreementDocuments } from './alliance.documents.ts';
import { alliancePolicy } from './alliance.policy.ts';
import * as agreements from './agreements.service.ts';
import * as events from './events.service.ts';
import * as figures from './figures.service.ts';
import * as settings from './settings.service.ts';
import { importHistory } from './history-import.ts';
import { attachment, fileResponse, uploadForm } from '../../http/files.ts';
import { multipartRoute, readUpload } from '../../lib/upload.ts';
import { todayBerlin } from '../../../shared/time.ts';
import { ALLIANCE_EVENTS_COUNTER, ALLIANCE_SETTINGS_COUNTER, DIRECTORY_COUNTER, notModified, sendAnswer } from '../../lib/answer-cache.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['alliance'];
const statusPageSchema = pageOf(municipalityStatusRowSchema);
const publicMembersSchema = z.array(publicMemberSchema);

/*
 * The figures, series, fact box, status list and the public page's data are computed from the
 * directory, the events and the settings (programme start, public page switch) and nothing else:
 * they are answered from the answer cache, once per change of those counters, per date and scope
 * (decision 021). A missing `at` or `to` means today in Europe/Berlin, which is part of the key.
 */
const FIGURE_COUNTERS = [DIRECTORY_COUNTER, ALLIANCE_EVENTS_COUNTER, ALLIANCE_SETTINGS_COUNTER] as const;

export async function allianceRoutes(app: ZodApp): Promise<void> {
  registerDocumentOwner(agreementDocuments);

  // ---- figures (no personal data: every role) ----

  app.get(
    '/api/alliance/figures',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'Network figures at a date: statewide, per district, per police directorate',
        querystring: atQuerySchema,
        response: { 200: figuresSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const at = req.query.at ?? todayBerlin();
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.figures',
        counters: FIGURE_COUNTERS,
        variant: at,
        schema: figuresSchema,
        audience: 'private',
        compute: () => figures.getFigures(app.db, at),
      });
    },
  );

  app.get(
    '/api/alliance/figures/series',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'Monthly time series of the figures from the programme start',
        querystring: seriesQuerySchema,
        response: { 200: seriesSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) =>
      sendAnswer(req, reply, app.db, {
        name: 'alliance.series',
        counters: FIGURE_COUNTERS,
        variant: `${todayBerlin()}|${JSON.stringify(req.query)}`,
        schema: seriesSchema,
        audience: 'private',
        compute: () => figures.getSeries(app.db, req.query),
      }),
  );

  app.get(
    '/api/alliance/figures/fact-box',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: "Fact box for a press release (German and English), optionally with a municipality's rank",
        querystring: factBoxQuerySchema,
        response: { 200: factBoxSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const at = req.query.at ?? todayBerlin();
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.factBox',
        counters: FIGURE_COUNTERS,
        variant: `${at}|${req.query.ags ?? ''}`,
        schema: factBoxSchema,
        audience: 'private',
        compute: () => figures.getFactBox(app.db, at, req.query.ags),
      });
    },
  );

  app.get(
    '/api/alliance/export',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'A table of the figures as CSV or XLSX (table=all: every table but the agreements, XLSX only)',
        querystring: exportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV (UTF-8 with BOM) or XLSX file'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const tables = await buildExportTables(app.db, req.principal!, req.query);
      const file = await renderExport(tables, req.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/alliance/figures/agreements',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'The agreements an agreement figure counts at a date, in an area (its drill-down)',
        querystring: agreementFigureQuerySchema,
        response: { 200: agreementFigureRowsSchema, ...problemResponses },
      },
    },
    async (req) => figures.listAgreementFigureRows(app.db, req.query),
  );

  app.get(
    '/api/alliance/municipalities',
    {
      config: { access: alliancePolicy.figures },
      schema: {
        tags: TAGS,
        summary: 'Every municipality with its status and rank at a date (filter, sort, page)',
        querystring: statusListQuerySchema,
        response: { 200: statusPageSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const query = { ...req.query, at: req.query.at ?? todayBerlin() };
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.statuses',
        counters: FIGURE_COUNTERS,
        // Rows differ between callers only in canSeeDetail, which the scope of the record rule decides.
        variant: `${figures.statusScopeKey(req.principal!)}|${JSON.stringify(query)}`,
        schema: statusPageSchema,
        audience: 'private',
        compute: () => figures.listStatuses(app.db, req.principal!, query),
      });
    },
  );

  // ---- a municipality's record (row-scoped) ----

  app.get(
    '/api/alliance/municipalities/:ags',
    {
      config: { access: alliancePolicy.readDetail },
      schema: {
        tags: TAGS,
        summary: "A municipality's record: timeline, state and rank at a date, agreements, documents",
        params: agsParamSchema,
        querystring: atQuerySchema,
        response: { 200: municipalityDetailSchema, ...problemResponses },
      },
    },
    async (req) => figures.getMunicipalityDetail(app.db, req.principal!, req.params.ags, req.query.at),
  );

  app.post(
    '/api/alliance/municipalities/:ags/events',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Record an event of a municipality (contradictions are refused with 422)',
        params: agsParamSchema,
        body: recordEventSchema,
        response: { 201: allianceEventSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const event = await app.db
        .transaction()
        .execute((trx) => events.recordEvent(trx, actorOf(req.principal, req.id), req.params.ags, req.body));
      return reply.code(201).send(event);
    },
  );

  app.get(
    '/api/alliance/events/:id',
    {
      config: { access: alliancePolicy.readDetail },
      schema: { tags: TAGS, summary: 'One event', params: eventIdParamSchema, response: { 200: allianceEventSchema, ...problemResponses } },
    },
    async (req) => events.getEvent(app.db, req.principal!, req.params.id),
  );

  app.post(
    '/api/alliance/events/:id/correct',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Correct an event with a reason: a new event supersedes it (optimistic locking by version)',
        params: eventIdParamSchema,
        body: correctEventSchema,
        response: { 201: allianceEventSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const event = await app.db
        .transaction()
        .execute((trx) => events.correctEvent(trx, actorOf(req.principal, req.id), req.params.id, req.body));
      return reply.code(201).send(event);
    },
  );

  app.post(
    '/api/alliance/events/:id/cancel',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Cancel an event with a reason; it stays in the history (optimistic locking by version)',
        params: eventIdParamSchema,
        body: cancelSchema,
        response: { 200: allianceEventSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => events.cancelEvent(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  // ---- cooperation agreements ----

  app.post(
    '/api/alliance/agreements',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Record a signed cooperation agreement (one or several municipalities), with signatories',
        body: createAgreementSchema,
        response: { 201: agreementSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const agreement = await app.db
        .transaction()
        .execute((trx) => agreements.createAgreement(trx, actorOf(req.principal, req.id), req.body));
      return reply.code(201).send(agreement);
    },
  );

  app.get(
    '/api/alliance/agreements/:id',
    {
      config: { access: alliancePolicy.readDetail },
      schema: {
        tags: TAGS,
        summary: 'One cooperation agreement with parties, signatories and documents',
        params: agreementIdParamSchema,
        response: { 200: agreementSchema, ...problemResponses },
      },
    },
    async (req) => agreements.getAgreement(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/alliance/agreements/:id',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Change title, reference, directorate, council party, notes or signatories (optimistic locking by version)',
        params: agreementIdParamSchema,
        body: updateAgreementSchema,
        response: { 200: agreementSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => agreements.updateAgreement(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.post(
    '/api/alliance/agreements/:id/events',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Record an amendment or termination of the agreement for its municipalities',
        params: agreementIdParamSchema,
        body: agreementEventsSchema,
        response: { 201: agreementSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const agreement = await app.db
        .transaction()
        .execute((trx) => agreements.recordAgreementEvents(trx, actorOf(req.principal, req.id), req.params.id, req.body));
      return reply.code(201).send(agreement);
    },
  );

  app.post(
    '/api/alliance/agreements/:id/cancel',
    {
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Cancel an agreement entered by mistake, with all its events (optimistic locking by version)',
        params: agreementIdParamSchema,
        body: cancelSchema,
        response: { 200: agreementSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => agreements.cancelAgreement(trx, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  // ---- bulk history ----

  app.post(
    '/api/alliance/history/import',
    {
      ...multipartRoute,
      config: { access: alliancePolicy.record },
      schema: {
        tags: TAGS,
        summary: 'Import an alliance history from CSV, all or nothing; errors name line and column (dryRun=true only checks)',
        description:
          'Columns: ags, event_type, date, notes, topic, participants, withdrawal_kind, agreement, agreement_title, directorate, signatories. See docs/alliance-history-import.md.',
        querystring: importQuerySchema,
        consumes: ['multipart/form-data'],
        body: uploadForm('History CSV (UTF-8, UTF-16 or Windows-1252; semicolon, comma or tab)'),
        response: {
          200: importResultSchema,
          201: importResultSchema,
          413: problemResponses[400],
          415: problemResponses[400],
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const file = await readUpload(req);
      const dryRun = req.query.dryRun === 'true';
      const result = await app.db.transaction().execute((trx) => importHistory(trx, actorOf(req.principal, req.id), file, { dryRun }));
      return reply.code(dryRun ? 200 : 201).send(result);
    },
  );

  // ---- settings ----

  app.get(
    '/api/alliance/settings',
    {
      config: { access: alliancePolicy.settings },
      schema: {
        tags: TAGS,
        summary: 'Alliance settings: public page, programme name and start, council name',
        response: { 200: allianceSettingsSchema, ...problemResponses },
      },
    },
    async () => settings.getSettings(app.db),
  );

  app.patch(
    '/api/alliance/settings',
    {
      config: { access: alliancePolicy.settings },
      schema: {
        tags: TAGS,
        summary: 'Change the alliance settings, e.g. enable the public page (optimistic locking by version)',
        body: updateAllianceSettingsSchema,
        response: { 200: allianceSettingsSchema, ...problemResponses },
      },
    },
    async (req) => app.db.transaction().execute((trx) => settings.updateSettings(trx, actorOf(req.principal, req.id), req.body)),
  );

  // ---- public page (only when enabled; no personal data) ----

  app.get(
    '/api/public/alliance',
    {
      config: { access: alliancePolicy.public },
      schema: {
        tags: TAGS,
        summary: 'Whether the public page is enabled, and the programme',
        response: { 200: publicInfoSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) =>
      sendAnswer(req, reply, app.db, {
        name: 'alliance.public.info',
        counters: [ALLIANCE_SETTINGS_COUNTER],
        variant: '',
        schema: publicInfoSchema,
        audience: 'public',
        compute: async () => {
          const s = await settings.getSettings(app.db);
          return { enabled: s.publicPage, programmeName: s.programmeName, programmeStart: s.programmeStart };
        },
      }),
  );

  app.get(
    '/api/public/alliance/figures',
    {
      config: { access: alliancePolicy.public },
      schema: {
        tags: TAGS,
        summary: 'Published network figures (404 unless the public page is enabled)',
        querystring: atQuerySchema,
        response: { 200: figuresSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const at = req.query.at ?? todayBerlin();
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.public.figures',
        counters: FIGURE_COUNTERS,
        variant: at,
        schema: figuresSchema,
        audience: 'public',
        compute: async () => {
          await settings.assertPublicPageEnabled(app.db);
          return figures.getFigures(app.db, at);
        },
      });
    },
  );

  app.get(
    '/api/public/alliance/fact-box',
    {
      config: { access: alliancePolicy.public },
      schema: {
        tags: TAGS,
        summary: 'Published fact box (404 unless the public page is enabled)',
        querystring: atQuerySchema,
        response: { 200: factBoxSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const at = req.query.at ?? todayBerlin();
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.public.factBox',
        counters: FIGURE_COUNTERS,
        variant: at,
        schema: factBoxSchema,
        audience: 'public',
        compute: async () => {
          await settings.assertPublicPageEnabled(app.db);
          return figures.getFactBox(app.db, at);
        },
      });
    },
  );

  app.get(
    '/api/public/alliance/figure-rows',
    {
      config: { access: alliancePolicy.public },
      schema: {
        tags: TAGS,
        summary:
          'What a published figure counts: municipality names, or agreements with their parties (404 unless the public page is enabled)',
        querystring: publicFigureQuerySchema,
        response: { 200: publicFigureRowsSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const q = { ...req.query, at: req.query.at ?? todayBerlin() };
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.public.figureRows',
        counters: FIGURE_COUNTERS,
        variant: `${q.at}|${q.figure}|${q.district ?? ''}|${q.directorateId ?? ''}`,
        schema: publicFigureRowsSchema,
        audience: 'public',
        compute: async () => {
          await settings.assertPublicPageEnabled(app.db);
          return figures.listPublicFigureRows(app.db, q);
        },
      });
    },
  );

  app.get(
    '/api/public/alliance/members',
    {
      config: { access: alliancePolicy.public },
      schema: {
        tags: TAGS,
        summary: "Member map data: each municipality's status (404 unless the public page is enabled)",
        querystring: atQuerySchema,
        response: { 200: publicMembersSchema, 304: notModified, ...problemResponses },
      },
    },
    async (req, reply) => {
      const at = req.query.at ?? todayBerlin();
      return sendAnswer(req, reply, app.db, {
        name: 'alliance.public.members',
        counters: FIGURE_COUNTERS,
        variant: at,
        schema: publicMembersSchema,
        audience: 'public',
        compute: async () => {
          await settings.assertPublicPageEnabled(app.db);
          const rows = await figures.statusRows(app.db, null, await figures.loadFigureInputs(app.db, at));
          return rows.map((r) => ({
            ags: r.ags,
            name: r.name,
            districtAgs: r.districtAgs,
            status: r.status,
            inCollaboration: r.inCollaboration,
            coveredByAgreement: r.coveredByAgreement,
          }));
        },
      });
    },
  );
}
