import type { DbOrTrx } from '../db/database.ts';
import { precompiled } from '../db/precompiled.ts';
import { ANSWER_COUNTERS, type CounterValues, counterValuesOf } from '../lib/answer-cache.ts';

/*
 * The reads and the sliding-expiry write the session hooks make on every request. They live
 * here, below the modules: the hooks must not reach up into a module's repository. Starting and
 * ending sessions stays with the auth and users modules.
 */

export interface SessionWithUser {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
  email: string;
  display_name: string;
  role: string;
  directorate_id: number | null;
  must_change_password: number;
  /** The answer cache's change counters, read in the same query (lib/answer-cache.ts). */
  counters: CounterValues;
}

const sessionQuery = precompiled('auth.findSession', (db, idHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.email',
      'users.display_name',
      'users.role',
      'users.directorate_id',
      'users.must_change_password',
    ])
    // The counters ride along, so a signed-in read that answers from the cache needs no second round trip.
    .select((eb) => ANSWER_COUNTERS.map((key, i) => eb.selectFrom('settings').select('version').where('key', '=', key).as(`counter_${i}`)))
    .where('sessions.id_hash', '=', idHash)
    .where('users.active', '=', 1),
);

/**
 * The session, its (active) user and the answer cache's counters: one query on two primary keys,
 * on every request, so it is compiled once.
 */
export async function findSession(db: DbOrTrx, idHash: string): Promise<SessionWithUser | undefined> {
  const row = (await sessionQuery(db, idHash))[0] as (Omit<SessionWithUser, 'counters'> & Record<string, unknown>) | undefined;
  if (!row) return undefined;
  const counters = counterValuesOf(
    ANSWER_COUNTERS.flatMap((key, i) => {
      const v = row[`counter_${i}`];
      return v === null || v === undefined ? [] : [{ key, version: Number(v) }];
    }),
  );
  return { ...row, counters };
}

/** The communes of a coordinator, for the principal's scope. */
export async function findCommunesOfUser(db: DbOrTrx, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_communes').select('ags').where('user_id', '=', userId).orderBy('ags').execute();
  return rows.map((r) => r.ags);
}

export async function touchSession(db: DbOrTrx, idHash: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}
