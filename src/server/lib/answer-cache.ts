import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { DbOrTrx } from '../db/database.ts';
import { precompiled } from '../db/precompiled.ts';

/*
 * Answers computed once per change (decision 021). A read route whose answer depends only on
 * data that change counters cover hands its computation to `sendAnswer`, which keeps the
 * serialised answer (and its gzip and brotli encodings, made once) per database, per route, per
 * value of the counters and per variant (the caller's scope, the validated query, the date).
 *
 * The counters are `settings` rows whose `version` every write of the data bumps in the writer's
 * transaction (triggers for the directory, the alliance repository for its events, the versioned
 * settings row itself). Every request reads them from the database, so several server processes
 * never serve an answer older than the last committed change; a signed-in request has them from
 * the session lookup (`auth/sessions.ts` reads them in the same query), an anonymous one pays one
 * primary-key read. Each answer carries a weak ETag; a matching If-None-Match is answered 304.
 */

/** The counter of the municipality directory, bumped by triggers (migration 2026_11_26_1605). */
export const DIRECTORY_COUNTER = 'directory.generation';
/** The counter of the alliance events, bumped by every write of the alliance repository. */
export const ALLIANCE_EVENTS_COUNTER = 'alliance.events.generation';
/** The alliance settings row (public page switch, programme start): its version is its counter. */
export const ALLIANCE_SETTINGS_COUNTER = 'alliance';

/** Every counter an answer may depend on, read together in one query. */
export const ANSWER_COUNTERS = [DIRECTORY_COUNTER, ALLIANCE_EVENTS_COUNTER, ALLIANCE_SETTINGS_COUNTER] as const;
export type AnswerCounter = (typeof ANSWER_COUNTERS)[number];
/** The counters' values (null: the row is missing, and nothing depending on it is cached). */
export type CounterValues = Readonly<Record<AnswerCounter, number | null>>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The counters as read with the session at the start of the request (null: not read yet). */
    answerCounters: CounterValues | null;
  }
}

const countersQuery = precompiled('settings.answerCounters', (db) =>
  db
    .selectFrom('settings')
    .select(['key', 'version'])
    .where('key', 'in', [...ANSWER_COUNTERS]),
);

/** Builds the counter values from rows of `settings` (key, version). */
export function counterValuesOf(rows: readonly { key: string; version: number }[]): CounterValues {
  const values = Object.fromEntries(ANSWER_COUNTERS.map((k) => [k, null])) as Record<AnswerCounter, number | null>;
  for (const r of rows) if ((ANSWER_COUNTERS as readonly string[]).includes(r.key)) values[r.key as AnswerCounter] = Number(r.version);
  return values;
}

/** Reads every answer counter: one query on the primary key of `settings`. */
export async function readCounters(db: DbOrTrx): Promise<CounterValues> {
  return counterValuesOf(await countersQuery(db));
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses). */
export function preferredEncoding(header: string | string[] | undefined): Encoding {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const accepted = new Map<string, number>();
  for (const part of value.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(coding, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (c: string) => accepted.get(c) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

/** Whether an If-None-Match header names the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '') === opaque);
}

/** The documented answer to a matching If-None-Match. */
export const notModified = z.null().describe('Not modified (If-None-Match names the current ETag)');

/** Below this size an answer is sent as it is: compressing it would save less than it costs. */
export const COMPRESS_THRESHOLD = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** One serialised answer and its encodings, each made once, when first asked for. */
class Answer {
  readonly etag: string;
  private readonly encoded = new Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>();
  constructor(readonly identity: Buffer) {
    this.etag = `W/"${crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  }
  /** The bytes in the encoding and the encoding really used (small answers stay as they are). */
  async bytes(encoding: Encoding): Promise<{ body: Buffer; encoding: Encoding }> {
    if (encoding === 'identity' || this.identity.length < COMPRESS_THRESHOLD) return { body: this.identity, encoding: 'identity' };
    let body = this.encoded.get(encoding);
    if (!body) {
      // Quality 5 and level 6: close to the best ratio for JSON at a fraction of brotli's maximum cost.
      body =
        encoding === 'br'
          ? brotli(this.identity, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: this.identity.length },
            })
          : gzip(this.identity, { level: 6 });
      this.encoded.set(encoding, body);
    }
    return { body: await body, encoding };
  }
}

/** The answers of one route for one value of its counters. */
interface Generation {
  stamp: string;
  answers: Map<string, Promise<Answer>>;
  bytes: number;
}

// Bounds per route and counter value: many filters, pages and dates must not fill the memory.
const MAX_ANSWERS = 1000;
const MAX_BYTES = 32 * 1024 * 1024;
const caches = new WeakMap<object, Map<string, Generation>>();

export interface AnswerSpec<T> {
  /** The route's name in the cache (each route keeps its own answers). */
  name: string;
  /** The counters whose data the answer is computed from. */
  counters: readonly AnswerCounter[];
  /** Everything else the answer depends on: the caller's scope, the validated query, the date. */
  variant: string;
  /** The route's response schema: the answer is encoded through it, as Fastify would. */
  schema: ZodType<unknown, T>;
  compute: () => Promise<T>;
  /** `public`: any cache may keep it (the public page); `private`: only the user's browser. */
  audience: 'public' | 'private';
}

async function countersFor(req: FastifyRequest, db: DbOrTrx): Promise<CounterValues> {
  // Read with the session in this request, before anything was computed; else read now.
  return req.answerCounters ?? (req.answerCounters = await readCounters(db));
}

async function build<T>(spec: AnswerSpec<T>): Promise<Answer> {
  return new Answer(Buffer.from(JSON.stringify(spec.schema.encode(await spec.compute())), 'utf8'));
}

/** The cached answer for the spec, computing it once per change of its counters (concurrent callers share one computation). */
export async function findAnswer<T>(req: FastifyRequest, db: DbOrTrx, spec: AnswerSpec<T>): Promise<Answer> {
  const values = await countersFor(req, db);
  const parts = spec.counters.map((c) => values[c]);
  if (parts.some((v) => v === null)) return build(spec);
  const stamp = parts.join('.');
  let byName = caches.get(db);
  if (!byName) caches.set(db, (byName = new Map()));
  let generation = byName.get(spec.name);
  if (!generation || generation.stamp !== stamp) byName.set(spec.name, (generation = { stamp, answers: new Map(), bytes: 0 }));
  const cached = generation.answers.get(spec.variant);
  if (cached) return cached;
  if (generation.answers.size >= MAX_ANSWERS || generation.bytes >= MAX_BYTES) {
    generation.answers.clear();
    generation.bytes = 0;
  }
  const answers = generation.answers;
  const pending = build(spec);
  answers.set(spec.variant, pending);
  pending.then(
    (a) => {
      if (answers === generation.answers) generation.bytes += a.identity.length;
    },
    // A failed computation (a 404, a field error) is not kept: the next request tries again.
    () => answers.delete(spec.variant),
  );
  return pending;
}

/**
 * Sends the answer of a cached read: 304 for a matching If-None-Match, else the serialised
 * answer in the encoding the client prefers (made once), with ETag, Cache-Control and Vary.
 */
export async function sendAnswer<T>(req: FastifyRequest, reply: FastifyReply, db: DbOrTrx, spec: AnswerSpec<T>): Promise<FastifyReply> {
  const answer = await findAnswer(req, db, spec);
  // Revalidated on every use: an answer is never taken from a cache after a write without asking.
  reply
    .header('etag', answer.etag)
    .header('cache-control', spec.audience === 'public' ? 'public, no-cache' : 'private, no-cache')
    .header('vary', 'accept-encoding');
  if (matchesEtag(req.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  const { body, encoding } = await answer.bytes(preferredEncoding(req.headers['accept-encoding']));
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  // Fastify sends a buffer as it is, past the route's response serializer.
  return reply.type('application/json; charset=utf-8').send(body);
}
