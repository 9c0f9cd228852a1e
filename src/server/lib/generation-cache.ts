import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import type { DbOrTrx } from '../db/database.ts';
import { precompiled } from '../db/precompiled.ts';

/**
 * Serialized answers of read routes, kept per database and per change counter (a `settings` row
 * whose `version` triggers or writers bump in the same transaction as the data). Every request still
 * reads the counter from the database, so several server processes never serve an answer older
 * than the last committed change; only building and serialising the answer is saved.
 */
/** The counter of the municipality directory, bumped by triggers (migration 2026_11_26_1605). */
export const DIRECTORY_GENERATION_KEY = 'directory.generation';

interface Entry {
  generation: number;
  bodies: Map<string, string>;
}

const MAX_BODIES = 1000;
const caches = new WeakMap<object, Map<string, Entry>>();

const generationQuery = precompiled('settings.generation', (db, key: string) =>
  db.selectFrom('settings').select('version').where('key', '=', key),
);

export async function readGeneration(db: DbOrTrx, key: string): Promise<number | null> {
  const [row] = await generationQuery(db, key);
  return row ? row.version : null;
}

/**
 * Answers with the cached JSON for `variant` (everything the answer depends on besides the
 * counted tables: the caller's scope and the query) or computes, encodes through the route's
 * response schema and caches it. Without the counter row nothing is cached.
 */
export async function sendCached<T>(
  reply: FastifyReply,
  db: DbOrTrx,
  opts: { generationKey: string; variant: string; schema: ZodType<unknown, T>; compute: () => Promise<T> },
): Promise<FastifyReply> {
  const generation = await readGeneration(db, opts.generationKey);
  let byKey = caches.get(db);
  if (!byKey) caches.set(db, (byKey = new Map()));
  let entry = byKey.get(opts.generationKey);
  if (generation !== null && (!entry || entry.generation !== generation))
    byKey.set(opts.generationKey, (entry = { generation, bodies: new Map() }));
  let body = generation === null ? undefined : entry?.bodies.get(opts.variant);
  if (body === undefined) {
    body = JSON.stringify(opts.schema.encode(await opts.compute()));
    if (generation !== null && entry) {
      if (entry.bodies.size >= MAX_BODIES) entry.bodies.clear();
      entry.bodies.set(opts.variant, body);
    }
  }
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload: unknown) => payload as string)
    .send(body);
}
