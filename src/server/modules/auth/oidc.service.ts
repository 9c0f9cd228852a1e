import type { OidcIdentity } from '../../auth/oidc.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict } from '../../http/problem.ts';
import type { Role } from '../../../shared/roles.ts';
import { recordAudit } from '../audit/index.ts';
import { findDirectorateByName, findMissingMunicipalities } from '../territory/index.ts';
import {
  endSessionsOfUser,
  findAccountByEmail,
  findAccountById,
  findAccountByOidcSubject,
  insertAccount,
  presentUser,
  replaceAccountCommunes,
  updateAccountVersioned,
  type UserWithScope,
} from '../users/index.ts';
import { type NewSession, startSession } from './auth.service.ts';
import { nowIso } from '../../../shared/time.ts';

/** Why a single sign-on ends without a session; the web app's login page explains each code (`/login?sso_error=<code>`). */
export const SSO_ERROR_CODES = [
  'no-role',
  'no-communes',
  'no-directorate',
  'no-email',
  'email-unverified',
  'email-taken',
  'account-disabled',
  'denied',
  'unavailable',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** A sign-in the provider vouched for but Praevis refuses; the route turns it into a redirect, the transaction rolls back. */
export class SsoRefusal extends Error {
  constructor(readonly code: SsoErrorCode) {
    super(`single sign-on refused: ${code}`);
  }
}

interface Scope {
  role: Role;
  communes: string[];
  directorateId: number | null;
}

/** Role and scope from the claims, checked like an admin's input: coordinators need known communes, police a known directorate. */
async function resolveScope(db: DbOrTrx, identity: OidcIdentity): Promise<Scope> {
  const role = identity.role;
  if (!role) throw new SsoRefusal('no-role');
  if (role === 'coordinator') {
    // Unknown AGS are dropped rather than refused, so one stale entry at the provider does not lock a coordinator out.
    const missing = new Set(await findMissingMunicipalities(db, identity.communes));
    const communes = identity.communes.filter((ags) => !missing.has(ags));
    if (communes.length === 0) throw new SsoRefusal('no-communes');
    return { role, communes, directorateId: null };
  }
  if (role === 'police') {
    const directorate = identity.directorateName ? await findDirectorateByName(db, identity.directorateName) : undefined;
    if (!directorate) throw new SsoRefusal('no-directorate');
    return { role, communes: [], directorateId: directorate.id };
  }
  return { role, communes: [], directorateId: null };
}

const ssoActor = (requestId: string): Actor => ({ userId: null, label: 'sso', requestId });

async function reload(db: DbOrTrx, id: number): Promise<UserWithScope> {
  const user = await findAccountById(db, id);
  if (!user) throw new Error(`user ${id} vanished inside its own transaction`);
  return user;
}

/** Creates the account of a first-time identity: no password, the provider alone signs it in. */
async function createSsoUser(db: DbOrTrx, identity: OidcIdentity, scope: Scope, requestId: string): Promise<UserWithScope> {
  if (!identity.email) throw new SsoRefusal('no-email');
  const now = nowIso();
  const id = await insertAccount(
    db,
    {
      email: identity.email,
      display_name: identity.displayName,
      role: scope.role,
      password_hash: null,
      must_change_password: 0,
      oidc_subject: identity.subject,
      directorate_id: scope.directorateId,
      active: 1,
      locale: 'de',
      created_at: now,
      updated_at: now,
    },
    scope.communes,
  );
  const user = await reload(db, id);
  await recordAudit(db, ssoActor(requestId), { action: 'create', entityType: 'user', entityId: id, after: presentUser(user) });
  return user;
}

/**
 * Links an existing local account to the identity. Only a verified email may claim an account, and
 * its password is dropped: otherwise a user the provider has locked out could still sign in locally.
 */
async function linkSsoUser(db: DbOrTrx, user: UserWithScope, identity: OidcIdentity, requestId: string): Promise<UserWithScope> {
  if (user.oidc_subject !== null) throw new SsoRefusal('email-taken');
  if (!identity.emailVerified) throw new SsoRefusal('email-unverified');
  if (user.active !== 1) throw new SsoRefusal('account-disabled');
  const before = presentUser(user);
  const ok = await updateAccountVersioned(db, user.id, user.version, {
    oidc_subject: identity.subject,
    password_hash: null,
    must_change_password: 0,
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(before);
  const linked = await reload(db, user.id);
  await recordAudit(db, ssoActor(requestId), {
    action: 'link-sso',
    entityType: 'user',
    entityId: user.id,
    before,
    after: presentUser(linked),
  });
  return linked;
}

/** Applies role, scope, name and email from the provider, which is the source of truth; audits only real changes. */
async function applyClaims(db: DbOrTrx, user: UserWithScope, identity: OidcIdentity, scope: Scope, requestId: string): Promise<void> {
  const before = presentUser(user);
  // An email another account holds stays where it is; the subject, not the email, identifies this user.
  const email =
    identity.email && identity.email !== user.email && !(await findAccountByEmail(db, identity.email)) ? identity.email : user.email;
  const scopeChanged =
    scope.role !== user.role ||
    scope.directorateId !== user.directorate_id ||
    scope.communes.join(',') !== [...user.communes].sort().join(',');
  if (!scopeChanged && email === user.email && identity.displayName === user.display_name) return;
  const ok = await updateAccountVersioned(db, user.id, user.version, {
    role: scope.role,
    directorate_id: scope.directorateId,
    email,
    display_name: identity.displayName,
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(before);
  await replaceAccountCommunes(db, user.id, scope.communes);
  // As with an admin's change, a new role or scope ends the user's other sessions at once.
  if (scopeChanged) await endSessionsOfUser(db, user.id);
  await recordAudit(db, ssoActor(requestId), {
    action: 'update',
    entityType: 'user',
    entityId: user.id,
    before,
    after: presentUser(await reload(db, user.id)),
  });
}

/**
 * Signs in an identity the provider vouched for: finds the account by subject, else links it by
 * verified email, else creates it; applies role and scope from the claims and starts a session.
 * Throws SsoRefusal when the claims do not make a valid Praevis account. Run it in a transaction.
 */
export async function signInWithOidc(
  db: DbOrTrx,
  identity: OidcIdentity,
  o: { requestId: string; ttlMs: number; replacesIdHash?: string | null },
): Promise<NewSession> {
  const scope = await resolveScope(db, identity);
  let user = await findAccountByOidcSubject(db, identity.subject);
  if (user) {
    if (user.active !== 1) throw new SsoRefusal('account-disabled');
    await applyClaims(db, user, identity, scope, o.requestId);
  } else {
    const byEmail = identity.email ? await findAccountByEmail(db, identity.email) : undefined;
    if (byEmail) {
      // An account of this very subject that was not there a moment ago: a simultaneous first
      // sign-in of the same identity committed it between the two reads (READ COMMITTED). It is
      // this identity's account, not an email taken by another one.
      if (byEmail.oidc_subject === identity.subject) {
        if (byEmail.active !== 1) throw new SsoRefusal('account-disabled');
        user = byEmail;
      } else {
        user = await linkSsoUser(db, byEmail, identity, o.requestId);
      }
      await applyClaims(db, user, identity, scope, o.requestId);
    } else {
      user = await createSsoUser(db, identity, scope, o.requestId);
    }
  }
  const session = await startSession(db, user.id, 'oidc', o.ttlMs, o.replacesIdHash);
  await recordAudit(
    db,
    { userId: user.id, label: session.principal.email, requestId: o.requestId },
    { action: 'login', entityType: 'user', entityId: user.id, after: { via: 'oidc' } },
  );
  return session;
}
