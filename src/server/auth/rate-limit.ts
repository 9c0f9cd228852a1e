import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { now } from '../../shared/time.ts';
import type { Db } from '../db/database.ts';
import { AppError, sendProblem } from '../http/problem.ts';
import { sha256 } from './password.ts';

/*
 * The request rate limit (RATE_LIMIT_PER_MINUTE per key and minute). It runs in the session hook,
 * right after the session is resolved and before any access check, so that refused requests (401,
 * 403) count as well. The key is the resolved session; a request without a valid session (no
 * cookie, or a made-up, expired or ended one) counts against its address. Many colleagues behind
 * one town hall address therefore share nothing once signed in, and random cookies buy nothing.
 *
 * On PostgreSQL the counts live in the database (`rate_limits`), so every server process on the
 * database counts against the same limit; a process leases blocks of numbers from it, so a busy
 * session does not write once per request (`databaseStore`). On SQLite, which runs as one server
 * process, they stay in that process's memory.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts a route that keeps its own limits (the public questionnaire). */
    rateLimit?: false;
  }
}

const WINDOW_MS = 60_000;

/** Counts a request under a key in a window; returns the count so far, this request included. */
export interface RateLimitStore {
  hit(key: string, windowStart: string): Promise<number>;
}

/** The counts of the current minute in this process's memory. */
export function memoryStore(): RateLimitStore {
  let window = '';
  let counts = new Map<string, number>();
  return {
    hit(key, windowStart) {
      if (windowStart !== window) {
        window = windowStart;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return Promise.resolve(count);
    },
  };
}

/*
 * The counts in the database, shared by every server process, without a write per request: a
 * process leases a block of a key's numbers for the minute with one atomic upsert (`count + n`,
 * returning the new count) and hands them out from memory. The block is every number in
 * (count − n, count]; those up to the limit admit a request, the rest refuse it. Each number is
 * leased to exactly one process, so the processes together admit at most the limit per key and
 * minute, as with one upsert per request. Blocks grow with use (1, 2, 4, … up to `leaseCap`), so
 * a key seen once costs one write, as before, and a busy session one write per `leaseCap`
 * requests. The cost: numbers a process leased and did not use before the minute ends are lost,
 * so when a key's requests move between processes, fewer than the limit may be admitted (at most
 * `leaseCap` fewer per process). Concurrent requests of one key wait for one lease together.
 * Past minutes are swept as they go.
 */
interface Lease {
  next: number;
  last: number;
  /** Leases taken for the key this minute; the next block is twice the last one, up to the cap. */
  taken: number;
  /** The database count reached the limit: no number this process does not hold admits a request. */
  full: boolean;
  pending: Promise<void> | null;
}

/** The largest block a process leases at once: a twentieth of the limit. */
export function leaseCapOf(max: number): number {
  return Math.max(1, Math.floor(max / 20));
}

export function databaseStore(db: Db, max: number): RateLimitStore {
  const cap = leaseCapOf(max);
  let window = '';
  let leases = new Map<string, Lease>();

  async function lease(key: string, windowStart: string, held: Lease): Promise<void> {
    const size = Math.min(cap, 2 ** held.taken);
    held.taken += 1;
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: size })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + ${size}` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    const count = Number(row.count);
    held.next = count - size + 1;
    held.last = Math.min(count, max);
    held.full = count >= max;
  }

  return {
    async hit(key, windowStart) {
      if (windowStart !== window) {
        window = windowStart;
        leases = new Map();
        await db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute();
      }
      let held = leases.get(key);
      if (!held) {
        held = { next: 1, last: 0, taken: 0, full: false, pending: null };
        leases.set(key, held);
      }
      for (;;) {
        if (held.next <= held.last) return held.next++;
        if (held.full) return max + 1;
        const current = held;
        current.pending ??= lease(key, windowStart, current).finally(() => {
          current.pending = null;
        });
        await current.pending;
      }
    },
  };
}

/** The rate limit check for the session hook: sends 429 and returns the reply when the key is over its limit. */
export function createRateLimiter(app: FastifyInstance): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  const max = app.config.rateLimitPerMinute;
  const store = app.dialect === 'postgres' ? databaseStore(app.db, max) : memoryStore();
  return async (req, reply) => {
    if (req.routeOptions.config?.rateLimit === false) return undefined;
    const at = now().getTime();
    const start = at - (at % WINDOW_MS);
    const key = req.sessionIdHash ? `s:${sha256(req.sessionIdHash)}` : `a:${sha256(req.ip)}`;
    const count = await store.hit(key, new Date(start).toISOString());
    const resetSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - at) / 1000));
    reply.headers({
      'x-ratelimit-limit': String(max),
      'x-ratelimit-remaining': String(Math.max(0, max - count)),
      'x-ratelimit-reset': String(resetSeconds),
    });
    if (count <= max) return undefined;
    return sendProblem(
      req,
      reply,
      new AppError('too-many-requests', undefined, undefined, undefined, { 'retry-after': String(resetSeconds) }),
    );
  };
}
