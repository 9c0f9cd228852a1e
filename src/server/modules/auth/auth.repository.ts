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

export async function upsertThrottle(
  db: DbOrTrx,
  row: { key: string; failures: number; window_started_at: string; locked_until: string | null },
): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
