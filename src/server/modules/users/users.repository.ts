import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { NewUserRow, UserRow, UserUpdate } from '../../db/schema.ts';

export interface UserWithScope extends UserRow {
  communes: string[];
  directorate_name: string | null;
}

async function attachScopes(db: DbOrTrx, rows: UserRow[]): Promise<UserWithScope[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const communes = await db.selectFrom('user_communes').select(['user_id', 'ags']).where('user_id', 'in', ids).orderBy('ags').execute();
  const dirIds = [...new Set(rows.map((r) => r.directorate_id).filter((d): d is number => d !== null))];
  const dirs = dirIds.length ? await db.selectFrom('police_directorates').select(['id', 'name']).where('id', 'in', dirIds).execute() : [];
  return rows.map((r) => ({
    ...r,
    communes: communes.filter((c) => c.user_id === r.id).map((c) => c.ags),
    directorate_name: dirs.find((d) => d.id === r.directorate_id)?.name ?? null,
  }));
}

export async function findUserById(db: DbOrTrx, id: number): Promise<UserWithScope | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await attachScopes(db, [row]))[0] : undefined;
}

export async function findUserByEmail(db: DbOrTrx, email: string): Promise<UserWithScope | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row ? (await attachScopes(db, [row]))[0] : undefined;
}

export async function findUserByOidcSubject(db: DbOrTrx, subject: string): Promise<UserWithScope | undefined> {
  const row = await db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  return row ? (await attachScopes(db, [row]))[0] : undefined;
}

/** The active accounts of the given roles with their scopes, by id. */
export async function listActiveUsersWithScope(db: DbOrTrx, roles: readonly string[]): Promise<UserWithScope[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom('users').selectAll().where('active', '=', 1).where('role', 'in', roles).orderBy('id').execute();
  return attachScopes(db, rows);
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserListFilter {
  q?: string;
  role?: string;
  sort: 'email' | 'displayName' | 'role' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMNS = { email: 'email', displayName: 'display_name', role: 'role', createdAt: 'created_at' } as const;

export async function listUsers(db: DbOrTrx, f: UserListFilter): Promise<{ rows: UserWithScope[]; total: number }> {
  let q = db.selectFrom('users');
  if (f.q) {
    const pattern = `%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(email)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(display_name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (f.role) q = q.where('role', '=', f.role);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy(SORT_COLUMNS[f.sort], f.order).orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { rows: await attachScopes(db, rows), total: Number(total.n) };
}

export async function insertUser(db: DbOrTrx, row: NewUserRow, communes: string[]): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  if (communes.length)
    await db
      .insertInto('user_communes')
      .values(communes.map((ags) => ({ user_id: id, ags })))
      .execute();
  return id;
}

/** Updates a user only if the stored version matches; returns false when it was stale. */
export async function updateUserVersioned(db: DbOrTrx, id: number, version: number, patch: UserUpdate): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...patch, version: sql`version + 1` as unknown as number })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceUserCommunes(db: DbOrTrx, id: number, communes: string[]): Promise<void> {
  await db.deleteFrom('user_communes').where('user_id', '=', id).execute();
  if (communes.length)
    await db
      .insertInto('user_communes')
      .values(communes.map((ags) => ({ user_id: id, ags })))
      .execute();
}

/** Ends every session of an account (but the one with `exceptIdHash`). */
export async function deleteSessionsOfUser(db: DbOrTrx, userId: number, exceptIdHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}
