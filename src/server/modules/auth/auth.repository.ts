import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/* Starting and ending sessions, and the sign-in throttle; the per-request session reads are `auth/sessions.ts`. */

export async function insertSession(
  db: DbOrTrx,
  s: { idHash: string; userId: number; csrfToken: string; via: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      via: s.via,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
    })
    .execute();
}

export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: DbOrTrx, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function findThrottle(db: DbOrTrx, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Reserves one sign-in attempt under `key` in a single atomic upsert, unless the key is locked:
 * returns the attempts in the current window including this one, or null while locked. The
 * window starts afresh when it is older than `windowStart` or a past lock has run out; the
 * attempt that reaches `limit` sets the lock. Parallel requests, in one process or several,
 * each get their own count, so no more than `limit` attempts are ever checked.
 */
export async function reserveAttempt(
  db: DbOrTrx,
  key: string,
  o: { limit: number; now: string; windowStart: string; lockedUntil: string },
): Promise<number | null> {
  const fresh = sql<boolean>`(login_throttle.window_started_at <= ${o.windowStart} or login_throttle.locked_until is not null)`;
  const next = sql<number>`(case when ${fresh} then 1 else login_throttle.failures + 1 end)`;
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: o.now, locked_until: o.limit <= 1 ? o.lockedUntil : null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: next,
          window_started_at: sql<string>`(case when ${fresh} then cast(${o.now} as text) else login_throttle.window_started_at end)`,
          locked_until: sql<string | null>`(case when ${next} >= ${o.limit} then cast(${o.lockedUntil} as text) else null end)`,
        })
        .where((eb) => eb.or([eb('login_throttle.locked_until', 'is', null), eb('login_throttle.locked_until', '<=', o.now)])),
    )
    .returning('failures')
    .executeTakeFirst();
  return row ? row.failures : null;
}

/** Gives back a reserved attempt that turned out not to be a failure (a lock it set is lifted). */
export async function releaseAttempt(db: DbOrTrx, key: string, limit: number): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`failures - 1`,
      locked_until: sql<string | null>`(case when failures - 1 >= ${limit} then locked_until else null end)`,
    })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
