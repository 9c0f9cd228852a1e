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
 * On PostgreSQL the counts live in the database (`rate_limits`, one atomic upsert per request),
 * so every server process on the database counts against the same limit. On SQLite, which runs
 * as one server process, they stay in that process's memory.
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

/** The counts in the database, shared by every server process; past minutes are swept as they go. */
export function databaseStore(db: Db): RateLimitStore {
  let swept = '';
  return {
    async hit(key, windowStart) {
      const row = await db
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
        .returning('count')
        .executeTakeFirstOrThrow();
      if (windowStart !== swept) {
        swept = windowStart;
        await db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute();
      }
      return Number(row.count);
    },
  };
}

/** The rate limit check for the session hook: sends 429 and returns the reply when the key is over its limit. */
export function createRateLimiter(app: FastifyInstance): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  const store = app.dialect === 'postgres' ? databaseStore(app.db) : memoryStore();
  const max = app.config.rateLimitPerMinute;
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
