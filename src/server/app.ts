import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { installSessionHooks, SESSION_COOKIE } from './auth/session-hooks.ts';
import type { AppConfig } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { frameworkErrors, installInputGuards, installProblemHandlers } from './http/problem.ts';
import './http/types.ts';
import { registerWebApp } from './http/static.ts';
import { openApiTransform, type ZodApp } from './http/zod-app.ts';
import { startJobWorker } from './lib/jobs.ts';
import { allianceRoutes } from './modules/alliance/alliance.routes.ts';
import { fundingRoutes } from './modules/funding/funding.routes.ts';
import { councilsRoutes } from './modules/councils/councils.routes.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { coachingRoutes } from './modules/coaching/coaching.routes.ts';
import { trainingRoutes } from './modules/training/training.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { crimeStatsRoutes } from './modules/crime-stats/crime-stats.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { oidcRoutes } from './modules/auth/oidc.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { territoryRoutes } from './modules/territory/territory.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { surveysRoutes } from './modules/surveys/surveys.routes.ts';
import { surveyAnalysisRoutes } from './modules/surveys/analysis/analysis.routes.ts';
import { securityAnalysisRoutes } from './modules/security-analysis/security-analysis.routes.ts';
import { documentsRoutes } from './modules/documents/index.ts';
import { consistencyRoutes } from './modules/consistency/consistency.routes.ts';
import { demoRoutes, labelDemoExports } from './modules/demo/index.ts';
import { mailRoutes, startOutboxWorker } from './modules/mail/index.ts';
import { effectsRoutes } from './modules/effects/effects.routes.ts';
import { annualReportRoutes } from './modules/annual-report/annual-report.routes.ts';
import { workQueueRoutes } from './modules/work-queue/index.ts';

export interface BuildOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** Extra route modules (tests use this to exercise the harness); production passes none. */
  logger?: boolean;
  /** Runs queued background jobs (long documents) and sends the outbox in this process: `praevis serve` does; tests run them themselves. */
  jobWorker?: boolean;
}

/** Route modules in the order they register; each new domain adds one line here. */
const ROUTE_MODULES = [
  systemRoutes,
  authRoutes,
  oidcRoutes,
  usersRoutes,
  auditRoutes,
  territoryRoutes,
  allianceRoutes,
  crimeStatsRoutes,
  organisationsRoutes,
  councilsRoutes,
  coachingRoutes,
  trainingRoutes,
  fundingRoutes,
  surveysRoutes,
  surveyAnalysisRoutes,
  securityAnalysisRoutes,
  documentsRoutes,
  consistencyRoutes,
  demoRoutes,
  mailRoutes,
  effectsRoutes,
  annualReportRoutes,
  workQueueRoutes,
];

// Request logs carry method, path and status only: no query string, no address, no cookie.
const serializers = {
  req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** Builds the HTTP application on an open database; the caller listens and closes. */
export async function buildApp({ config, database, logger = true, jobWorker = false }: BuildOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: logger
      ? { level: config.logLevel, serializers, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] }
      : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('dialect', database.dialect);
  // A lost database connection is logged; the requests it affects answer 503 (http/problem.ts).
  database.onConnectionError?.((err) => app.log.warn({ reason: err.message }, 'database connection lost'));
  app.decorate('config', config);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  installProblemHandlers(app);
  installInputGuards(app);
  // Signed cookies (the SSO round trip) need one secret across instances: set COOKIE_SECRET when running several.
  await app.register(fastifyCookie, { secret: config.cookieSecret ?? crypto.randomBytes(32).toString('base64url') });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  // The request rate limit runs in the session hook, keyed on the resolved session (auth/rate-limit.ts).
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Praevis API',
        version: '0.1.0',
        description:
          'API of Praevis, the platform of a statewide alliance for communal crime prevention. Cookie sessions; writes need the X-CSRF-Token header from /api/auth/session. Errors are RFC 9457 application/problem+json; a known path asked with another method answers 405 with Allow.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installSessionHooks(app);
  // The API's routes share one scope with the compression of their JSON answers: answers of 1 KB
  // and more go out with brotli or gzip, as the client accepts. Answers that carry their own
  // Content-Encoding (the answer cache's, the map payload) are left as they are, request bodies are
  // not decompressed, and the web app's files (registered outside this scope, precompressed at
  // build, http/static.ts) are never compressed again. (@fastify/compress would also compress
  // every type mime-db calls compressible, scripts included, were it registered for the whole app.)
  await app.register(async (api) => {
    await api.register(fastifyCompress, {
      global: true,
      globalDecompression: false,
      encodings: ['br', 'gzip'],
      threshold: 1024,
      customTypes: /^application\/(?:[\w.+-]+\+)?json(?:;|$)/,
    });
    // Files (CSV, XLSX, PDF) of demo data carry the label "Demo-Daten" (decision 036).
    api.addHook('onRoute', labelDemoExports(database.db));
    for (const routes of ROUTE_MODULES) await api.register(routes);
  });

  if (jobWorker) {
    const started = performance.now();
    const worker = startJobWorker(database.db, app.log);
    app.addHook('onClose', () => worker.stop());
    const mailWorker = startOutboxWorker(database.db, config.mail, app.log);
    app.addHook('onClose', () => mailWorker.stop());
    // What the workers cost the start (bench/startup.ts reads these lines at LOG_LEVEL=debug).
    app.log.debug({ ms: performance.now() - started }, 'background workers started');
    void Promise.all([worker.firstPass, mailWorker.firstPass]).then(([jobsMs, outboxMs]) =>
      app.log.debug({ jobsMs, outboxMs }, 'background workers: first poll done'),
    );
  }

  // The built web app, when there is one (API-only tests and `praevis openapi` run without it).
  const webRoot = path.resolve(config.webDist);
  if (fs.existsSync(path.join(webRoot, 'index.html'))) await registerWebApp(app, webRoot);
  return app;
}
