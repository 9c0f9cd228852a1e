import { pageOf } from '../../../shared/common.schema.ts';
import {
  createOrganisationSchema,
  createPersonSchema,
  erasePersonSchema,
  erasureResultSchema,
  exportQuerySchema,
  idParam,
  listOrganisationsQuerySchema,
  listPeopleQuerySchema,
  organisationSchema,
  personSchema,
  updateOrganisationSchema,
  updatePersonSchema,
} from '../../../shared/organisations.schema.ts';
import { actorOf } from '../../auth/principal.ts';
import { problemResponses, type ZodApp } from '../../http/zod-app.ts';
import { attachment, fileResponse } from '../../http/files.ts';
import { personExportWithMentionsSchema } from '../../../shared/gdpr.schema.ts';
import { erasePerson, exportPerson, exportPersonPdf, recordExport } from './gdpr.service.ts';
import { registerDocumentOwner } from '../documents/index.ts';
import { organisationsPolicy } from './organisations.policy.ts';
import { personDocuments } from './organisations.documents.ts';
import * as service from './organisations.service.ts';

const TAGS = ['organisations'];

/** Organisations and people of the municipalities, with the GDPR export and erasure of a person. */
export async function organisationsRoutes(app: ZodApp): Promise<void> {
  registerDocumentOwner(personDocuments);

  app.get(
    '/api/organisations',
    {
      config: { access: organisationsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "Organisations in the caller's scope (filter by municipality, type, name)",
        querystring: listOrganisationsQuerySchema,
        response: { 200: pageOf(organisationSchema), ...problemResponses },
      },
    },
    async (req) => service.listOrganisations(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/organisations',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Create an organisation of a municipality',
        body: createOrganisationSchema,
        response: { 201: organisationSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const org = await app.db
        .transaction()
        .execute((trx) => service.createOrganisation(trx, req.principal!, actorOf(req.principal, req.id), req.body));
      return reply.code(201).send(org);
    },
  );

  app.get(
    '/api/organisations/:id',
    {
      config: { access: organisationsPolicy.read },
      schema: { tags: TAGS, summary: 'One organisation', params: idParam, response: { 200: organisationSchema, ...problemResponses } },
    },
    async (req) => service.getOrganisation(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change an organisation (optimistic locking by version)',
        params: idParam,
        body: updateOrganisationSchema,
        response: { 200: organisationSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updateOrganisation(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/people',
    {
      config: { access: organisationsPolicy.read },
      schema: {
        tags: TAGS,
        summary: "People in the caller's scope (filter by municipality, organisation, name or e-mail)",
        querystring: listPeopleQuerySchema,
        response: { 200: pageOf(personSchema), ...problemResponses },
      },
    },
    async (req) => service.listPeople(app.db, req.principal!, req.query),
  );

  app.post(
    '/api/people',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Create a person with contact data, legal basis and purpose (consent date when consent is the basis)',
        body: createPersonSchema,
        response: { 201: personSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const person = await app.db
        .transaction()
        .execute((trx) => service.createPerson(trx, req.principal!, actorOf(req.principal, req.id), req.body));
      return reply.code(201).send(person);
    },
  );

  app.get(
    '/api/people/:id',
    {
      config: { access: organisationsPolicy.read },
      schema: { tags: TAGS, summary: 'One person', params: idParam, response: { 200: personSchema, ...problemResponses } },
    },
    async (req) => service.getPerson(app.db, req.principal!, req.params.id),
  );

  app.patch(
    '/api/people/:id',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Change a person (optimistic locking by version)',
        params: idParam,
        body: updatePersonSchema,
        response: { 200: personSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db
        .transaction()
        .execute((trx) => service.updatePerson(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
  );

  app.get(
    '/api/people/:id/export',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary: 'Everything stored about a person (GDPR Art. 15/20) as JSON or PDF',
        params: idParam,
        querystring: exportQuerySchema,
        produces: ['application/json', 'application/pdf'],
        response: { 200: personExportWithMentionsSchema.or(fileResponse('PDF')), ...problemResponses },
      },
    },
    async (req, reply) => {
      const data = await exportPerson(app.db, req.principal!, req.params.id);
      await recordExport(app.db, actorOf(req.principal, req.id), req.params.id, req.query.format);
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(`auskunft-person-${req.params.id}.pdf`))
          .send(await exportPersonPdf(data));
      }
      return reply.header('content-disposition', attachment(`auskunft-person-${req.params.id}.json`)).send(data);
    },
  );

  app.post(
    '/api/people/:id/erase',
    {
      config: { access: organisationsPolicy.write },
      schema: {
        tags: TAGS,
        summary:
          'Erase a person (GDPR Art. 17): personal data removed, anonymous references kept for the counts, earlier audit entries redacted',
        params: idParam,
        body: erasePersonSchema,
        response: { 200: erasureResultSchema, ...problemResponses },
      },
    },
    async (req) =>
      app.db.transaction().execute((trx) => erasePerson(trx, req.principal!, actorOf(req.principal, req.id), req.params.id, req.body)),
  );
}
