import { hashPassword, randomToken, sha256, verifyPassword } from '../../auth/password.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, fieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { endSessionsOfUser, findAccountByEmail, findAccountById, principalOf } from '../users/index.ts';
import * as repo from './auth.repository.ts';
import { now, nowIso } from '../../../shared/time.ts';

/*
 * Login throttling has two keys. An account is locked after a few failures, which stops guessing
 * one password. An address only after many, so a town hall with many users behind one address is
 * not locked out by one user's typos, while a spray over many accounts from one address is slowed.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  accountFailures: 5,
  accountLockMs: 15 * 60_000,
  addressFailures: 100,
  addressLockMs: 15 * 60_000,
} as const;

/** The throttle key of an account: sign-in and the check of the current password count together. */
const accountKeyOf = (email: string) => `account:${sha256(email.trim().toLowerCase())}`;

/** Reserves an attempt under the key; the time its lock ends when it is locked. */
async function reserve(db: DbOrTrx, key: string, limit: number, lockMs: number, at: Date): Promise<Date | null> {
  const reserved = await repo.reserveAttempt(db, key, {
    limit,
    now: at.toISOString(),
    windowStart: new Date(at.getTime() - THROTTLE.windowMs).toISOString(),
    lockedUntil: new Date(at.getTime() + lockMs).toISOString(),
  });
  if (reserved !== null) return null;
  const row = await repo.findThrottle(db, key);
  return row?.locked_until ? new Date(row.locked_until) : new Date(at.getTime() + lockMs);
}

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000));
  return new AppError(
    'locked',
    {
      de: `Bitte versuchen Sie es in ${Math.ceil(seconds / 60)} Minute(n) erneut.`,
      en: `Please try again in ${Math.ceil(seconds / 60)} minute(s).`,
    },
    undefined,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

export interface NewSession {
  token: string;
  idHash: string;
  csrfToken: string;
  principal: Principal;
}

/**
 * Starts a session for a user; returns the cookie token (only its hash is stored). A session the
 * browser brought along (`replacesIdHash`) ends: a sign-in always gets a new session id, so an id
 * planted before the sign-in (session fixation) never becomes a signed-in session.
 */
export async function startSession(
  db: DbOrTrx,
  userId: number,
  via: 'password' | 'oidc',
  ttlMs: number,
  replacesIdHash?: string | null,
): Promise<NewSession> {
  const user = await findAccountById(db, userId);
  if (!user || user.active !== 1) throw new AppError('invalid-credentials');
  if (replacesIdHash) await repo.deleteSession(db, replacesIdHash);
  const token = randomToken();
  const idHash = sha256(token);
  const csrfToken = randomToken();
  const now = new Date();
  await repo.insertSession(db, {
    idHash,
    userId,
    csrfToken,
    via,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  await repo.deleteExpiredSessions(db, now.toISOString());
  return { token, idHash, csrfToken, principal: principalOf(user) };
}

/**
 * Checks email and password with throttling per account and per address, then starts a session.
 * Each attempt is counted in the database before the (slow) password hash is checked, so parallel
 * guesses, in one server process or several, cannot slip past the lock: the count is the
 * reservation. A failure keeps it; a success resets the account and gives the address its
 * reservation back, so the colleagues behind one address are not counted for signing in.
 */
export async function login(
  db: DbOrTrx,
  input: { email: string; password: string; ip: string; requestId: string; ttlMs: number; replacesIdHash?: string | null },
): Promise<NewSession> {
  const at = now();
  const accountKey = accountKeyOf(input.email);
  const addressKey = `address:${sha256(input.ip)}`;
  const addressLocked = await reserve(db, addressKey, THROTTLE.addressFailures, THROTTLE.addressLockMs, at);
  if (addressLocked) throw lockedError(addressLocked);
  const accountLocked = await reserve(db, accountKey, THROTTLE.accountFailures, THROTTLE.accountLockMs, at);
  if (accountLocked) {
    await repo.releaseAttempt(db, addressKey, THROTTLE.addressFailures);
    throw lockedError(accountLocked);
  }
  const user = await findAccountByEmail(db, input.email.trim());
  const ok = await verifyPassword(user && user.active === 1 ? user.password_hash : null, input.password);
  if (!ok || !user) throw new AppError('invalid-credentials');
  await repo.deleteThrottle(db, accountKey);
  await repo.releaseAttempt(db, addressKey, THROTTLE.addressFailures);
  const session = await startSession(db, user.id, 'password', input.ttlMs, input.replacesIdHash);
  await recordAudit(
    db,
    { userId: user.id, label: user.email, requestId: input.requestId },
    { action: 'login', entityType: 'user', entityId: user.id },
  );
  return session;
}

export async function logout(db: DbOrTrx, actor: Actor, idHash: string): Promise<void> {
  await repo.deleteSession(db, idHash);
  if (actor.userId) await recordAudit(db, actor, { action: 'logout', entityType: 'user', entityId: actor.userId });
}

declare const checkedMark: unique symbol;
/** Proof that a user's current password was checked (`checkCurrentPassword`), which `changePassword` requires. */
export interface CheckedPassword {
  readonly userId: number;
  readonly current: string;
  readonly [checkedMark]: true;
}

/**
 * Checks the current password before a change, counted under the account's sign-in key: a session
 * in the wrong hands gets no more guesses than a stranger at the sign-in form, and the two together
 * no more than the limit. Run outside the change's transaction, so that a failure stays counted when
 * the change is refused; a right password resets the count, whatever the new password's fate.
 */
export async function checkCurrentPassword(db: DbOrTrx, principal: Principal, currentPassword: string): Promise<CheckedPassword> {
  const user = await findAccountById(db, principal.id);
  if (!user?.password_hash)
    throw fieldError(
      'currentPassword',
      { de: 'Dieses Konto hat kein lokales Passwort.', en: 'This account has no local password.' },
      'sso',
    );
  const accountKey = accountKeyOf(user.email);
  const locked = await reserve(db, accountKey, THROTTLE.accountFailures, THROTTLE.accountLockMs, now());
  if (locked) throw lockedError(locked);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw fieldError('currentPassword', { de: 'Das aktuelle Passwort ist falsch.', en: 'The current password is wrong.' }, 'wrong');
  }
  await repo.deleteThrottle(db, accountKey);
  return { userId: user.id, current: currentPassword } as CheckedPassword;
}

/**
 * Replaces the user's password once the current one was checked. Every session of the user ends,
 * the current one too: the caller gets a new session (new id, new CSRF token), so a session id
 * anyone learnt before the change is worthless after it.
 */
export async function changePassword(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  checked: CheckedPassword,
  newPassword: string,
  ttlMs: number,
): Promise<NewSession> {
  if (checked.userId !== principal.id) throw new AppError('unauthenticated');
  if (checked.current === newPassword) {
    throw fieldError(
      'newPassword',
      { de: 'Das neue Passwort muss sich vom bisherigen unterscheiden.', en: 'The new password must differ from the current one.' },
      'same',
    );
  }
  assertPasswordPolicy(newPassword, 'newPassword');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(newPassword), must_change_password: 0, updated_at: nowIso() })
    .where('id', '=', principal.id)
    .execute();
  await endSessionsOfUser(db, principal.id);
  await recordAudit(db, actor, { action: 'change-password', entityType: 'user', entityId: principal.id });
  return startSession(db, principal.id, 'password', ttlMs);
}
