import { z } from 'zod';
import {
  catalogueSchema,
  chartDefinitionSchema,
  chartParamSchema,
  chartQuerySchema,
  districtDetailSchema,
  districtIndicatorsSchema,
  districtParamSchema,
  exportQuerySchema,
  fieldOfActionInputSchema,
  importListItemSchema,
  importListQuerySchema,
  indicatorQuerySchema,
  mappingInputSchema,
  mappingSchema,
  mappingUpdateSchema,
  municipalColumnsQuerySchema,
  municipalColumnsReportSchema,
  municipalImportQuerySchema,
  municipalImportReportSchema,
  municipalityDetailSchema,
  municipalityIndicatorQuerySchema,
  municipalityIndicatorsSchema,
  municipalityParamSchema,
  offenceFieldsInputSchema,
  offenceKeyParamSchema,
  pksImportQuerySchema,
  pksImportReportSchema,
  seriesQuerySchema,
  yearsSchema,
} from '../../../shared/crime-stats.schema.ts';
import { idParam } from '../../../shared/common.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { importBody, importConsumes, importResponses, importSourceOf } from '../../http/import-upload.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { buildChart, renderChartSvg } from './crime-stats.charts.ts';
import { buildCrimeExport } from './crime-stats.export.ts';
import { crimeStatsPolicy } from './crime-stats.policy.ts';
import * as service from './crime-stats.service.ts';
import { getMapping, importMunicipalFigures, inspectMunicipalFile, mappingFromRow, saveMapping } from './municipal-import.ts';
import { listMappings } from './crime-stats.repository.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { XLSX_CONTENT_TYPE } from '../../lib/table-export.ts';

const TAGS = ['crime-stats'];
const consumes = importConsumes;
const uploadResponses = importResponses;

/** Police crime statistics: imports (admin, LPR), catalogue, indicators, exports and charts. */
export async function crimeStatsRoutes(app: ZodApp): Promise<void> {
  const maxBytes = app.config.uploadLimit;
  const sourceLimits = { maxBytes, allow: app.config.importUrlAllow };
  const stateOf = (s: string | undefined) => (s === 'all' ? null : (s ?? app.config.defaultState));

  // ---- imports ----

  app.post(
    '/api/admin/imports/pks',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'Import BKA PKS table T01 per district (KR-F-01-T01) for a year, from an upload or a URL; dryRun=true is the preview',
        description:
          'All or nothing: any bad line refuses the file (errors name line and column). Re-importing a year replaces that year (audited).',
        consumes,
        querystring: pksImportQuerySchema,
        body: importBody,
        response: { 200: pksImportReportSchema, ...uploadResponses },
      },
    },
    async (req) => {
      const source = await importSourceOf(req, req.body, sourceLimits);
      return app.db.transaction().execute((trx) =>
        service.importPks(trx, actorOf(req.principal, req.id), source, {
          year: req.query.year,
          dryRun: req.query.dryRun === 'true',
          maxBytes,
        }),
      );
    },
  );

  app.post(
    '/api/admin/imports/crime-municipal',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary:
          'Import municipality figures (XLSX or CSV of the state police) with a saved column mapping; dryRun=true lists unmatched names',
        consumes,
        querystring: municipalImportQuerySchema,
        body: importBody,
        response: { 200: municipalImportReportSchema, ...uploadResponses },
      },
    },
    async (req) => {
      const source = await importSourceOf(req, req.body, sourceLimits);
      return app.db.transaction().execute((trx) =>
        importMunicipalFigures(trx, actorOf(req.principal, req.id), source, {
          mappingId: req.query.mappingId,
          year: req.query.year,
          dryRun: req.query.dryRun === 'true',
        }),
      );
    },
  );

  app.post(
    '/api/admin/imports/crime-municipal/columns',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary:
          'Read a municipality file (XLSX or CSV) to map its columns: sheets, header line, column names, first rows and suggested columns; stores nothing',
        consumes,
        querystring: municipalColumnsQuerySchema,
        body: importBody,
        response: { 200: municipalColumnsReportSchema, ...uploadResponses },
      },
    },
    async (req) => inspectMunicipalFile(await importSourceOf(req, req.body, sourceLimits), req.query),
  );

  app.get(
    '/api/crime-stats/imports',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'Import runs (latest 500); the newest of each level, or those imported before a day',
        querystring: importListQuerySchema,
        response: { 200: z.array(importListItemSchema), ...problemResponses },
      },
    },
    async (req) => service.listImportRuns(app.db, req.query),
  );

  app.get(
    '/api/crime-stats/mappings',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'Saved column mappings of municipality files',
        response: { 200: z.array(mappingSchema), ...problemResponses },
      },
    },
    async () => (await listMappings(app.db)).map(mappingFromRow),
  );

  app.post(
    '/api/crime-stats/mappings',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'Save a column mapping',
        body: mappingInputSchema,
        response: { 201: mappingSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const m = await app.db.transaction().execute((trx) =>
        saveMapping(trx, actorOf(req.principal, req.id), {
          ...req.body,
          sheet: req.body.sheet ?? null,
          delimiter: req.body.delimiter ?? null,
          fixedOffenceKey: req.body.fixedOffenceKey ?? null,
        }),
      );
      return reply.code(201).send(m);
    },
  );

  app.get(
    '/api/crime-stats/mappings/:id',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'A column mapping',
        params: z.object({
          id: idParam,
        }),
        response: { 200: mappingSchema, ...problemResponses },
      },
    },
    async (req) => getMapping(app.db, req.params.id),
  );

  app.put(
    '/api/crime-stats/mappings/:id',
    {
      config: { access: crimeStatsPolicy.import },
      schema: {
        tags: TAGS,
        summary: 'Change a column mapping (with its version; 409 when changed meanwhile), e.g. add manual name assignments',
        params: z.object({
          id: idParam,
        }),
        body: mappingUpdateSchema,
        response: { 200: mappingSchema, ...problemResponses },
      },
    },
    async (req) => {
      const m = req.body.mapping;
      return app.db.transaction().execute(async (trx) => {
        await getMapping(trx, req.params.id);
        return saveMapping(
          trx,
          actorOf(req.principal, req.id),
          { ...m, sheet: m.sheet ?? null, delimiter: m.delimiter ?? null, fixedOffenceKey: m.fixedOffenceKey ?? null },
          { id: req.params.id, version: req.body.version },
        );
      });
    },
  );

  // ---- catalogue ----

  app.get(
    '/api/crime-stats/offences',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary: 'Offence catalogue (keys, names, summary keys) with the fields of action each key feeds',
        response: { 200: catalogueSchema, ...problemResponses },
      },
    },
    async () => service.getCatalogue(app.db),
  );

  app.put(
    '/api/crime-stats/offences/:key/fields-of-action',
    {
      config: { access: crimeStatsPolicy.editCatalogue },
      schema: {
        tags: TAGS,
        summary:
          'Set the fields of action of an offence key (the editable mapping key → Handlungsfeld), with its version (409 with the current entry when stale)',
        params: offenceKeyParamSchema,
        body: offenceFieldsInputSchema,
        response: { 200: catalogueSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) =>
          service.setOffenceFields(trx, actorOf(req.principal, req.id), req.params.key, req.body.fieldIds, req.body.version),
        ),
  );

  app.post(
    '/api/crime-stats/fields-of-action',
    {
      config: { access: crimeStatsPolicy.editCatalogue },
      schema: {
        tags: TAGS,
        summary: 'Add a field of action to the configurable catalogue',
        body: fieldOfActionInputSchema,
        response: { 201: catalogueSchema, ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await app.db.transaction().execute((trx) => service.addFieldOfAction(trx, actorOf(req.principal, req.id), req.body))),
  );

  // ---- indicators ----

  app.get(
    '/api/crime-stats/years',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary: 'Imported years of district and municipality figures',
        response: { 200: yearsSchema, ...problemResponses },
      },
    },
    async () => service.listYears(app.db),
  );

  app.get(
    '/api/crime-stats/districts',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary:
          'Indicators of every district for a year and offence key: cases, HZ, clearance rate, change, 5-year trend, state comparison, rank; class breaks for a map',
        querystring: indicatorQuerySchema,
        response: { 200: districtIndicatorsSchema, ...problemResponses },
      },
    },
    async (req) =>
      service.getDistrictIndicators(app.db, { year: req.query.year, offence: req.query.offence, state: stateOf(req.query.state) }),
  );

  app.get(
    '/api/crime-stats/districts/:districtAgs',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary: 'A district: time series of one key with state and national comparison and ranks, and every key of the latest year',
        params: districtParamSchema,
        querystring: seriesQuerySchema,
        response: { 200: districtDetailSchema, ...problemResponses },
      },
    },
    async (req) => service.getDistrictDetail(app.db, req.params.districtAgs, req.query.offence),
  );

  app.get(
    '/api/crime-stats/municipalities',
    {
      config: { access: crimeStatsPolicy.readMunicipalities },
      schema: {
        tags: TAGS,
        summary: 'Municipality figures of a year and key (row-scoped), with HZ, comparison with district and state, rank in the district',
        querystring: municipalityIndicatorQuerySchema,
        response: { 200: municipalityIndicatorsSchema, ...problemResponses },
      },
    },
    async (req) => service.getMunicipalityIndicators(app.db, req.principal!, req.query),
  );

  app.get(
    '/api/crime-stats/municipalities/:ags',
    {
      config: { access: crimeStatsPolicy.readMunicipalities },
      schema: {
        tags: TAGS,
        summary: "A municipality's time series for one key (403 outside the caller's scope)",
        params: municipalityParamSchema,
        querystring: seriesQuerySchema,
        response: { 200: municipalityDetailSchema, ...problemResponses },
      },
    },
    async (req) => service.getMunicipalityDetail(app.db, req.principal!, req.params.ags, req.query.offence),
  );

  // ---- exports and charts ----

  app.get(
    '/api/crime-stats/export',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary: 'District or municipality indicators (row-scoped) as CSV or XLSX, with the attribution',
        querystring: exportQuerySchema,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
        response: { 200: fileResponse('CSV (UTF-8 with BOM) or XLSX file'), ...problemResponses },
      },
    },
    async (req, reply) => {
      const file = await buildCrimeExport(app.db, req.principal!, req.query, app.config.defaultState);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/crime-stats/charts/:kind',
    {
      config: { access: crimeStatsPolicy.readDistricts },
      schema: {
        tags: TAGS,
        summary:
          'A chart: the ECharts definition with its data table (format=json) or the same chart rendered to SVG on the server (format=svg)',
        params: chartParamSchema,
        querystring: chartQuerySchema,
        produces: ['image/svg+xml', 'application/json'],
        response: { 200: z.union([chartDefinitionSchema, fileResponse('SVG document (image/svg+xml)')]), ...problemResponses },
      },
    },
    async (req, reply) => {
      const def = await buildChart(app.db, req.principal!, req.params.kind, req.query, app.config.defaultState);
      if (req.query.format === 'json') return def;
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(Buffer.from(renderChartSvg(def), 'utf8'));
    },
  );
}
