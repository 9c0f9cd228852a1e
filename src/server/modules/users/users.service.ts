import { sql } from 'kysely';
import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/users.schema.ts';
import type { Role } from '../../../shared/roles.ts';
import { generateOneTimePassword, hashPassword } from '../../auth/password.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { findDirectorateById, findMissingMunicipalities } from '../territory/index.ts';
import * as repo from './users.repository.ts';
import type { UserWithScope } from './users.repository.ts';
import { nowIso } from '../../../shared/time.ts';

/** The API shape of a user row. */
/*
 * Accounts for sign-in and single sign-on (the auth module): look-ups with scope, the writes of
 * an account the provider vouches for, and ending an account's sessions when its access changes.
 */

/** An account with its communes, by id. */
export async function findAccountById(db: DbOrTrx, id: number): Promise<UserWithScope | undefined> {
  return repo.findUserById(db, id);
}

/** The active accounts of the given roles with their communes (the daily mails). */
export async function listActiveAccounts(db: DbOrTrx, roles: readonly string[]): Promise<UserWithScope[]> {
  return repo.listActiveUsersWithScope(db, roles);
}

/** An account with its communes, by email (ignoring case as stored). */
export async function findAccountByEmail(db: DbOrTrx, email: string): Promise<UserWithScope | undefined> {
  return repo.findUserByEmail(db, email);
}

/** An account with its communes, by its single sign-on subject. */
export async function findAccountByOidcSubject(db: DbOrTrx, subject: string): Promise<UserWithScope | undefined> {
  return repo.findUserByOidcSubject(db, subject);
}

/** Inserts an account with its communes (single sign-on: no password); returns its id. */
export async function insertAccount(db: DbOrTrx, row: Parameters<typeof repo.insertUser>[1], communes: string[]): Promise<number> {
  return repo.insertUser(db, row, communes);
}

/** Changes an account if its version still matches; false when it is stale. */
export async function updateAccountVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Parameters<typeof repo.updateUserVersioned>[3],
): Promise<boolean> {
  return repo.updateUserVersioned(db, id, version, patch);
}

/** Replaces the communes of an account. */
export async function replaceAccountCommunes(db: DbOrTrx, id: number, communes: string[]): Promise<void> {
  return repo.replaceUserCommunes(db, id, communes);
}

/** Ends every session of an account (but the one with `exceptIdHash`): a new role, scope or password takes effect at once. */
export async function endSessionsOfUser(db: DbOrTrx, userId: number, exceptIdHash?: string): Promise<void> {
  return repo.deleteSessionsOfUser(db, userId, exceptIdHash);
}

export function presentUser(u: UserWithScope): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Role,
    communes: u.communes,
    directorateId: u.directorate_id,
    directorateName: u.directorate_name,
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    sso: u.oidc_subject !== null,
    locale: u.locale === 'en' ? 'en' : 'de',
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

export function principalOf(u: UserWithScope): Principal {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Role,
    communes: u.communes,
    directorateId: u.directorate_id,
    mustChangePassword: u.must_change_password === 1,
  };
}

/** Checks that the scope fits the role: coordinators need communes, police a directorate, others neither. */
async function validateScope(db: DbOrTrx, role: Role, communes: string[], directorateId: number | null): Promise<void> {
  if (role === 'coordinator') {
    if (communes.length === 0)
      throw fieldError(
        'communes',
        { de: 'Eine Koordination braucht mindestens eine Kommune.', en: 'A coordinator needs at least one commune.' },
        'required',
      );
    const missing = await findMissingMunicipalities(db, communes);
    if (missing.length)
      throw fieldError('communes', { de: `Unbekannte AGS: ${missing.join(', ')}.`, en: `Unknown AGS: ${missing.join(', ')}.` }, 'unknown');
  } else if (communes.length) {
    throw fieldError(
      'communes',
      { de: 'Nur Koordinationen werden Kommunen zugeordnet.', en: 'Only coordinators are assigned communes.' },
      'not_allowed',
    );
  }
  if (role === 'police') {
    if (directorateId === null)
      throw fieldError(
        'directorateId',
        { de: 'Ein Polizeikonto braucht eine Polizeidirektion.', en: 'A police account needs a police directorate.' },
        'required',
      );
    if (!(await findDirectorateById(db, directorateId)))
      throw fieldError('directorateId', { de: 'Unbekannte Polizeidirektion.', en: 'Unknown police directorate.' }, 'unknown');
  } else if (directorateId !== null) {
    throw fieldError(
      'directorateId',
      { de: 'Nur Polizeikonten werden einer Direktion zugeordnet.', en: 'Only police accounts belong to a directorate.' },
      'not_allowed',
    );
  }
}

/** What the mail module does for a new account: sends (or keeps) the invitation with a link to set its password. */
export type AccountInvitation = (
  db: DbOrTrx,
  account: { id: number; email: string; displayName: string; locale: 'de' | 'en' },
) => Promise<{ sent: boolean }>;

let accountInvitation: AccountInvitation | null = null;

/** Registers who invites new accounts (the mail module, when its routes register), so that this module needs no mail. */
export function registerAccountInvitation(invite: AccountInvitation): void {
  accountInvitation = invite;
}

/** Sets an account's password (already hashed) without a change required at sign-in, bumping its version. */
export async function setAccountPassword(db: DbOrTrx, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/**
 * Creates a local account. Without a password it gets a generated one-time password, which must be
 * changed at first sign-in. A password given (the command line's `--password-stdin`) must meet
 * the password policy; it too must be changed at first sign-in unless `changeRequired` is false
 * (a service account whose password is kept in a secret store).
 */
export async function createUser(
  db: DbOrTrx,
  actor: Actor,
  input: CreateUserInput & { password?: string; changeRequired?: boolean; invite?: boolean },
): Promise<{ user: User; oneTimePassword: string | null; invitationSent: boolean }> {
  if (input.password !== undefined) assertPasswordPolicy(input.password, 'password');
  await validateScope(db, input.role, input.communes, input.directorateId);
  if (await repo.findUserByEmail(db, input.email)) {
    throw new AppError('duplicate', { de: 'Diese E-Mail-Adresse ist bereits vergeben.', en: 'This email address is already in use.' }, [
      { field: 'email', code: 'duplicate', message: { de: 'Bereits vergeben.', en: 'Already in use.' } },
    ]);
  }
  const oneTimePassword = input.password ?? generateOneTimePassword();
  const now = nowIso();
  const id = await repo.insertUser(
    db,
    {
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      password_hash: await hashPassword(oneTimePassword),
      must_change_password: input.password !== undefined && input.changeRequired === false ? 0 : 1,
      oidc_subject: null,
      directorate_id: input.directorateId,
      active: 1,
      locale: input.locale,
      created_at: now,
      updated_at: now,
    },
    input.communes,
  );
  const user = presentUser((await repo.findUserById(db, id))!);
  await recordAudit(db, actor, { action: 'create', entityType: 'user', entityId: id, after: user });
  // An account an admin creates is invited by mail: with mail configured the link replaces the
  // one-time password (which nobody sees); without, the invitation is kept and the password shown.
  if (input.invite && input.password === undefined && accountInvitation) {
    const invitation = await accountInvitation(db, { id, email: user.email, displayName: user.displayName, locale: user.locale });
    if (invitation.sent) return { user, oneTimePassword: null, invitationSent: true };
  }
  return { user, oneTimePassword, invitationSent: false };
}

export async function getUser(db: DbOrTrx, id: number): Promise<User> {
  const u = await repo.findUserById(db, id);
  if (!u) throw notFound({ de: `Kein Konto mit der Nummer ${id}.`, en: `No account with id ${id}.` });
  return presentUser(u);
}

export async function listUsers(
  db: DbOrTrx,
  q: { page: number; pageSize: number; q?: string; role?: Role; sort: repo.UserListFilter['sort']; order: 'asc' | 'desc' },
) {
  const { rows, total } = await repo.listUsers(db, {
    q: q.q,
    role: q.role,
    sort: q.sort,
    order: q.order,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentUser), total, page: q.page, pageSize: q.pageSize };
}

/** Updates role, scope, name or status; a stale version gets 409 with the current state. */
export async function updateUser(db: DbOrTrx, actor: Actor, id: number, input: UpdateUserInput): Promise<User> {
  const before = await getUser(db, id);
  if (before.version !== input.version) throw conflict(before);
  if (actor.userId === id && ((input.role && input.role !== 'admin' && before.role === 'admin') || input.active === false)) {
    throw fieldError(
      input.active === false ? 'active' : 'role',
      {
        de: 'Sie können sich nicht selbst die Verwaltung entziehen oder sperren.',
        en: 'You cannot remove your own admin role or deactivate yourself.',
      },
      'self',
    );
  }
  const role = input.role ?? before.role;
  const communes = input.communes ?? (role === 'coordinator' ? before.communes : []);
  const directorateId = input.directorateId !== undefined ? input.directorateId : role === 'police' ? before.directorateId : null;
  await validateScope(db, role, communes, directorateId);
  const ok = await repo.updateUserVersioned(db, id, input.version, {
    display_name: input.displayName ?? before.displayName,
    role,
    directorate_id: directorateId,
    active: input.active === undefined ? (before.active ? 1 : 0) : input.active ? 1 : 0,
    locale: input.locale ?? before.locale,
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(await getUser(db, id));
  await repo.replaceUserCommunes(db, id, [...communes].sort());
  // A change of role, scope or status takes effect at once: the user signs in again.
  const scopeChanged = [...communes].sort().join() !== before.communes.join() || directorateId !== before.directorateId;
  if (role !== before.role || input.active === false || scopeChanged) {
    await repo.deleteSessionsOfUser(db, id);
  }
  const after = await getUser(db, id);
  await recordAudit(db, actor, { action: 'update', entityType: 'user', entityId: id, before, after });
  return after;
}

/** Sets a new one-time password and ends the user's sessions (admin action). */
export async function resetPassword(db: DbOrTrx, actor: Actor, id: number): Promise<string> {
  const before = await getUser(db, id);
  if (before.sso)
    throw fieldError(
      'id',
      {
        de: 'Dieses Konto meldet sich über Single Sign-on an und hat kein Passwort.',
        en: 'This account signs in through single sign-on and has no password.',
      },
      'sso',
    );
  const oneTimePassword = generateOneTimePassword();
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(oneTimePassword),
      must_change_password: 1,
      updated_at: nowIso(),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  await repo.deleteSessionsOfUser(db, id);
  await recordAudit(db, actor, { action: 'reset-password', entityType: 'user', entityId: id });
  return oneTimePassword;
}
