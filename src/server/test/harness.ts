import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../shared/roles.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import type { DatabaseHandle, Db, Dialect } from '../db/database.ts';
import type { ZodApp } from '../http/zod-app.ts';
import { startSession } from '../modules/auth/auth.service.ts';
import { createTestDatabase } from './databases.ts';
import { buildDirectorate, buildDistrict, buildMunicipality, buildUser, type BuiltUser } from './factories.ts';

export { DIALECTS } from './databases.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A client that sends requests as one signed-in user (session cookie and CSRF token), or anonymously. */
export class Client {
  constructor(
    private readonly app: ZodApp,
    readonly cookie?: string,
    readonly csrfToken?: string,
    readonly user?: BuiltUser,
  ) {}

  request(
    method: Method,
    url: string,
    body?: unknown,
    opts: { headers?: Record<string, string>; csrf?: boolean; raw?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'accept-language': 'de', ...opts.headers };
    if (this.cookie) headers.cookie = `praevis_session=${this.cookie}`;
    if (this.csrfToken && opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const req: InjectOptions = { method, url, headers };
    if (opts.raw !== undefined) {
      req.payload = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      req.payload = body as InjectOptions['payload'];
    }
    return this.app.inject(req);
  }
  get(url: string, opts?: { headers?: Record<string, string> }) {
    return this.request('GET', url, undefined, opts);
  }
  post(url: string, body?: unknown, opts?: { headers?: Record<string, string>; csrf?: boolean; raw?: string }) {
    return this.request('POST', url, body, opts);
  }
  patch(url: string, body?: unknown, opts?: { headers?: Record<string, string>; csrf?: boolean }) {
    return this.request('PATCH', url, body, opts);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string, body?: unknown) {
    return this.request('DELETE', url, body);
  }
}

/** The standard territory every test starts from: two districts, municipalities, two directorates. */
export interface Territory {
  erzgebirge: string;
  dresden: string;
  annaberg: string;
  aue: string;
  dresdenCity: string;
  chemnitzDirectorate: number;
  dresdenDirectorate: number;
}

export interface TestContext {
  app: ZodApp;
  db: Db;
  dialect: Dialect;
  database: DatabaseHandle;
  config: AppConfig;
  territory: Territory;
  anonymous: Client;
  /** A client signed in as a new user of the role (coordinator of Annaberg, police of Chemnitz by default). */
  as(role: Role, o?: { communes?: string[]; directorateId?: number; mustChange?: boolean }): Promise<Client>;
  signIn(user: BuiltUser): Promise<Client>;
  close(): Promise<void>;
}

async function seedTerritory(db: Db): Promise<Territory> {
  await db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
  await buildDistrict(db, { ags: '14521', name: 'Erzgebirgskreis', type_code: '44' });
  await buildDistrict(db, { ags: '14612', name: 'Dresden, Stadt', type_code: '41' });
  await buildMunicipality(db, { ags: '14521035', district_ags: '14521', name: 'Annaberg-Buchholz', population: 19_799 });
  await buildMunicipality(db, { ags: '14521040', district_ags: '14521', name: 'Aue-Bad Schlema', population: 19_961 });
  await buildMunicipality(db, { ags: '14612000', district_ags: '14612', name: 'Dresden', population: 555_351, type_code: '61' });
  const chemnitz = await buildDirectorate(db, 'Chemnitz', ['14521']);
  const dresden = await buildDirectorate(db, 'Dresden', ['14612']);
  return {
    erzgebirge: '14521',
    dresden: '14612',
    annaberg: '14521035',
    aue: '14521040',
    dresdenCity: '14612000',
    chemnitzDirectorate: chemnitz.id,
    dresdenDirectorate: dresden.id,
  };
}

/**
 * Builds the application on a fresh database of the dialect, with the standard territory seeded.
 * `env` is the configuration; its PG_* pool settings apply, on SQLite a DATABASE_URL names a file,
 * and PG_TEST_SERVER names another PostgreSQL server than PG_URL (a cluster of the test's own).
 */
export async function createTestContext(dialect: Dialect, env: Record<string, string> = {}): Promise<TestContext> {
  // Bursts of concurrent requests in tests queue for the pool's connections as long as they need:
  // a wait for a connection or a lock answers 503 only where a test asks for it (PG_*_TIMEOUT_MS).
  const config = loadConfig({
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    PG_CONNECTION_TIMEOUT_MS: '120000',
    PG_STATEMENT_TIMEOUT_MS: '120000',
    ...env,
  });
  const database = await createTestDatabase(dialect, {
    sqliteFile: env.DATABASE_URL,
    postgres: config.postgres,
    postgresServer: env.PG_TEST_SERVER,
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const territory = await seedTerritory(database.db);

  const signIn = async (user: BuiltUser) => {
    const s = await startSession(database.db, user.id, 'password', config.sessionTtlMs);
    return new Client(app, s.token, s.csrfToken, user);
  };
  return {
    app,
    db: database.db,
    dialect,
    database,
    config,
    territory,
    anonymous: new Client(app),
    signIn,
    as: async (role, o = {}) => {
      const user = await buildUser(database.db, role, {
        communes: role === 'coordinator' ? (o.communes ?? [territory.annaberg]) : undefined,
        directorateId: role === 'police' ? (o.directorateId ?? territory.chemnitzDirectorate) : null,
        mustChange: o.mustChange,
      });
      return signIn(user);
    },
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
