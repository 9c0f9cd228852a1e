import type { DbOrTrx } from '../../db/database.ts';

/* The SQL of the single-use links (account invitations, password resets) and of the reset requests' rate limit. */

export type LinkPurpose = 'invitation' | 'password-reset';

export async function insertToken(
  db: DbOrTrx,
  row: { user_id: number; purpose: LinkPurpose; token_hash: string; created_at: string; expires_at: string },
): Promise<void> {
  await db
    .insertInto('mail_tokens')
    .values({ ...row, used_at: null })
    .execute();
}

export async function findTokenByHash(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom('mail_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the token used if it is still unused and unexpired; false when another request used it first or it expired. */
export async function useToken(db: DbOrTrx, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('mail_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every unused link of the user (a new password makes the older links void). */
export async function voidTokensOfUser(db: DbOrTrx, userId: number, at: string): Promise<void> {
  await db.updateTable('mail_tokens').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Counts the reset requests under a key since `since`. */
export async function countResetRequests(db: DbOrTrx, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('mail_reset_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertResetRequest(db: DbOrTrx, key: string, at: string): Promise<void> {
  await db.insertInto('mail_reset_requests').values({ key, at }).execute();
}

/** Removes the reset requests and the expired or used links older than `before`. */
export async function deleteOldLinkData(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('mail_reset_requests').where('at', '<', before).execute();
  await db.deleteFrom('mail_tokens').where('expires_at', '<', before).execute();
}
