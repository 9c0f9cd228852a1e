import type { DbOrTrx } from '../../db/database.ts';
import { precompiled } from '../../db/precompiled.ts';

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
}

export async function insertSession(db: DbOrTrx, s: { idHash: string; userId: number; csrfToken: string; via: string; now: string; expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({
    id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, via: s.via,
    created_at: s.now, expires_at: s.expiresAt, last_seen_at: s.now,
  }).execute();
}

const sessionQuery = precompiled('auth.findSession', (db, idHash: string) => db.selectFrom('sessions')
  .innerJoin('users', 'users.id', 'sessions.user_id')
  .select(['sessions.id_hash', 'sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at',
    'users.email', 'users.display_name', 'users.role', 'users.directorate_id', 'users.must_change_password'])
  .where('sessions.id_hash', '=', idHash)
  .where('users.active', '=', 1));

/** The session and its (active) user; on every request, so the query is compiled once. */
export async function findSession(db: DbOrTrx, idHash: string): Promise<SessionWithUser | undefined> {
  return (await sessionQuery(db, idHash))[0];
}

/** The communes of a coordinator, for the principal's scope. */
export async function findCommunesOfUser(db: DbOrTrx, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_communes').select('ags').where('user_id', '=', userId).orderBy('ags').execute();
  return rows.map((r) => r.ags);
}

export async function touchSession(db: DbOrTrx, idHash: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
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

export async function upsertThrottle(db: DbOrTrx, row: { key: string; failures: number; window_started_at: string; locked_until: string | null }): Promise<void> {
  await db.insertInto('login_throttle').values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }))
    .execute();
}

export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
