import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, PG_URL } from '../test/databases.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../test/harness.ts';
import { withoutStatementTimeout } from './migrate.ts';

/*
 * PostgreSQL outages and overload, through the HTTP app: connections terminated under a read/write
 * loop, a pool with no free connection, a statement that outlives the statement timeout. Every
 * failure answers 503 with Retry-After, the process keeps running, and no acknowledged write is lost.
 * (A restart of the whole cluster, on a cluster of the test's own, is in cluster-restart.test.ts.)
 */
const onPostgres = DIALECTS.includes('postgres');

async function currentDatabase(ctx: TestContext): Promise<string> {
  const r = await sql<{ name: string }>`select current_database() as name`.execute(ctx.db);
  return r.rows[0]!.name;
}

/** Runs a statement as the administrator of the cluster, on a connection of its own. */
async function asAdmin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

function expectUnavailable(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
}

describe.skipIf(!onPostgres)('PostgreSQL connections terminated under load', () => {
  let ctx: TestContext;
  let coordinator: Client;
  beforeAll(async () => {
    ctx = await createTestContext('postgres');
    coordinator = await ctx.as('coordinator');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('keeps running, answers 503 or serves during the outage, serves again within 5 s, and loses no acknowledged write', async () => {
    const dbName = await currentDatabase(ctx);
    const acknowledged: number[] = [];
    const unexpected: string[] = [];
    let failures = 0;
    let lastSuccessAt = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const res = await coordinator.post('/api/organisations', {
          ags: ctx.territory.annaberg,
          name: `Ausfall ${w}-${i}`,
          type: 'police',
          street: 'Markt 1',
          postcode: '09456',
          city: 'Annaberg-Buchholz',
        });
        if (res.statusCode === 201) {
          const id = res.json().id as number;
          acknowledged.push(id);
          const read = await coordinator.get(`/api/organisations/${id}`);
          if (read.statusCode === 200) lastSuccessAt = performance.now();
          else if (read.statusCode !== 503 || !read.headers['retry-after']) unexpected.push(`read ${read.statusCode} ${read.body}`);
          else failures += 1;
        } else if (res.statusCode === 503 && res.headers['retry-after']) {
          failures += 1;
        } else {
          unexpected.push(`write ${res.statusCode} ${res.body}`);
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const until = async (done: () => boolean, ms: number) => {
      const end = performance.now() + ms;
      while (!done() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => acknowledged.length >= 20, 30_000);

    const recovery: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const killed = await asAdmin<{ t: boolean }>(
        'select pg_terminate_backend(pid) as t from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [dbName],
      );
      expect(killed.length).toBeGreaterThan(0);
      const at = performance.now();
      await until(() => lastSuccessAt > at, 5_000);
      recovery.push(lastSuccessAt - at);
      const before = acknowledged.length;
      await until(() => acknowledged.length >= before + 10, 30_000);
    }
    stop = true;
    await Promise.all(workers);

    expect(unexpected).toEqual([]);
    // Served again within 5 s of each termination.
    for (const ms of recovery) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(5_000);
    }
    const stored = await ctx.db.selectFrom('organisations').select('id').where('id', 'in', acknowledged).execute();
    expect(stored).toHaveLength(acknowledged.length);
    expect((await ctx.anonymous.get('/api/health/ready')).statusCode).toBe(200);
    expect(acknowledged.length + failures).toBeGreaterThan(50);
  }, 120_000);
});

describe.skipIf(!onPostgres)('PostgreSQL overload', () => {
  let ctx: TestContext;
  let lpr: Client;
  beforeAll(async () => {
    ctx = await createTestContext('postgres', { PG_POOL_MAX: '1', PG_CONNECTION_TIMEOUT_MS: '200', PG_STATEMENT_TIMEOUT_MS: '500' });
    lpr = await ctx.as('lpr');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('an exhausted pool answers 503 with Retry-After, and readiness is not 200', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => {
      holding = resolve;
    });
    // The test holds the pool's only connection.
    const holder = ctx.db.connection().execute(async (conn) => {
      await sql`select 1`.execute(conn);
      holding();
      await held;
    });
    await taken;
    try {
      expectUnavailable(await lpr.get('/api/councils'));
      expectUnavailable(await ctx.anonymous.get('/api/health/ready'));
      expectUnavailable(await lpr.post('/api/organisations', { ags: null, name: 'Überlast', type: 'police' }));
    } finally {
      release();
      await holder;
    }
    expect((await ctx.anonymous.get('/api/health/ready')).statusCode).toBe(200);
    expect((await lpr.get('/api/councils')).statusCode).toBe(200);
    const none = await ctx.db.selectFrom('organisations').select('id').where('name', '=', 'Überlast').execute();
    expect(none).toEqual([]);
  });

  it('a statement that outlives the statement timeout answers 503 with Retry-After, and its transaction is rolled back', async () => {
    const dbName = await currentDatabase(ctx);
    // Another session holds a lock on the audit trail: the organisation is inserted, then its audit
    // entry waits until the statement timeout ends it. The insert before it must not remain.
    const blocker = new pg.Client({ connectionString: PG_URL.replace(/\/[^/]*$/, `/${dbName}`) });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table audit_log in access exclusive mode');
      expectUnavailable(
        await lpr.post('/api/organisations', {
          ags: null,
          name: 'Zu langsam',
          type: 'police',
          street: 'Markt 1',
          postcode: '09456',
          city: 'Annaberg-Buchholz',
        }),
      );
      await blocker.query('rollback');
    } finally {
      await blocker.end();
    }
    const none = await ctx.db.selectFrom('organisations').select('id').where('name', '=', 'Zu langsam').execute();
    expect(none).toEqual([]);
    expect((await lpr.get('/api/councils')).statusCode).toBe(200);
  });
});

describe.skipIf(!onPostgres)('PostgreSQL statement timeout and migrations', () => {
  it('a migration runs without the statement timeout that ends slow requests', async () => {
    // The schema itself is migrated here under a 300 ms statement timeout as well.
    const handle = await createTestDatabase('postgres', { postgres: { statementTimeoutMs: 300 } });
    try {
      const slow: Migration = { up: async (db: Kysely<any>) => void (await sql`select pg_sleep(1)`.execute(db)) };
      const run = (name: string, migrations: Record<string, Migration>) =>
        new Migrator({
          db: handle.db,
          migrationTableName: `${name}_migration`,
          migrationLockTableName: `${name}_migration_lock`,
          provider: { getMigrations: async () => migrations },
        }).migrateToLatest();
      const bare = await run('bare', { '0001_slow': slow });
      expect((bare.error as { code?: string } | undefined)?.code).toBe('57014');
      const lifted = await run('lifted', withoutStatementTimeout(handle.db, { '0001_slow': slow }));
      expect(lifted.error).toBeUndefined();
      expect(lifted.results?.map((r) => r.status)).toEqual(['Success']);
    } finally {
      await handle.destroy();
    }
  });
});
