import { hashPassword, randomToken, sha256 } from '../../auth/password.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { fieldError } from '../../http/problem.ts';
import { now, nowIso } from '../../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { endSessionsOfUser, findAccountByEmail, findAccountById, setAccountPassword } from '../users/index.ts';
import { mailConfig, publicLink } from './mail.config.ts';
import { queueMail } from './mail.service.ts';
import { renderMail } from './mail.templates.ts';
import * as repo from './links.repository.ts';

/*
 * Single-use links sent by mail (decision 023): the invitation of a new account (valid 72 hours)
 * and the password reset (valid 30 minutes). The link carries a random token of 32 bytes; only
 * its SHA-256 is stored in `mail_tokens`. A link is void after its first use or its expiry, and a
 * new password voids every other open link of the account, so the copy of the message in the
 * outbox (cleaned after 30 days) holds a usable link only while the link is open.
 *
 * A reset request gets the same answer whatever the address, and is limited per address and per
 * account (RESET_LIMIT per hour each): a request over a limit is dropped silently.
 */

export const INVITATION_VALID_HOURS = 72;
export const RESET_VALID_MINUTES = 30;
/** Reset requests per address, and per account, within an hour. */
export const RESET_LIMIT = 3;
const HOUR_MS = 3600_000;

/** The page of the web app that a link opens. */
export const SET_PASSWORD_PATH = '/set-password';

function linkTo(token: string): string {
  return publicLink(`${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`);
}

async function issueToken(db: DbOrTrx, userId: number, purpose: repo.LinkPurpose, validMs: number): Promise<string> {
  const token = randomToken(32);
  const at = now().getTime();
  await repo.insertToken(db, {
    user_id: userId,
    purpose,
    token_hash: sha256(token),
    created_at: new Date(at).toISOString(),
    expires_at: new Date(at + validMs).toISOString(),
  });
  return token;
}

/**
 * The invitation of a new account (registered with the users module): a link to set the password,
 * queued in the account's creation transaction. `sent` is true when mail is configured, so that
 * the link replaces the one-time password; without, the message is kept in the outbox.
 */
export async function inviteAccount(
  db: DbOrTrx,
  account: { id: number; email: string; displayName: string; locale: 'de' | 'en' },
): Promise<{ sent: boolean }> {
  const token = await issueToken(db, account.id, 'invitation', INVITATION_VALID_HOURS * HOUR_MS);
  await queueMail(db, {
    kind: 'account.invitation',
    category: 'account',
    to: { email: account.email, userId: account.id, language: account.locale },
    template: 'account.invitation',
    data: { displayName: account.displayName, email: account.email, link: linkTo(token), validHours: INVITATION_VALID_HOURS },
  });
  return { sent: mailConfig().smtpUrl !== undefined };
}

/**
 * A request for a password-reset link. Whatever the address (unknown, inactive, single sign-on,
 * over the limit), the caller learns nothing: the answer is the same, and the unknown address
 * does the same work but the writes of the link.
 */
export async function requestPasswordReset(db: DbOrTrx, email: string): Promise<void> {
  const at = now().getTime();
  const since = new Date(at - HOUR_MS).toISOString();
  const addressKey = `address:${sha256(email.toLowerCase())}`;
  const overAddress = (await repo.countResetRequests(db, addressKey, since)) >= RESET_LIMIT;
  await repo.insertResetRequest(db, addressKey, nowIso());
  const account = await findAccountByEmail(db, email.toLowerCase());
  const usable = account && account.active === 1 && account.oidc_subject === null;
  if (!usable || overAddress) {
    // The same rendering as for a known address, so that the answer takes about as long.
    renderMail(
      'account.password-reset',
      'de',
      { displayName: email, link: linkTo(randomToken(32)), validMinutes: RESET_VALID_MINUTES },
      '',
    );
    return;
  }
  const accountKey = `account:${account.id}`;
  if ((await repo.countResetRequests(db, accountKey, since)) >= RESET_LIMIT) return;
  await repo.insertResetRequest(db, accountKey, nowIso());
  const token = await issueToken(db, account.id, 'password-reset', RESET_VALID_MINUTES * 60_000);
  await queueMail(db, {
    kind: 'account.password-reset',
    category: 'account',
    to: { email: account.email, userId: account.id },
    template: 'account.password-reset',
    data: { displayName: account.display_name, link: linkTo(token), validMinutes: RESET_VALID_MINUTES },
  });
}

const INVALID = {
  de: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie bitte einen neuen an.',
  en: 'This link has expired or was already used. Please request a new one.',
};

/** What a link is and whether it can still be used (the page behind it asks before showing the form). */
export async function linkStatus(db: DbOrTrx, token: string) {
  const row = await repo.findTokenByHash(db, sha256(token));
  const valid = row !== undefined && row.used_at === null && row.expires_at > nowIso();
  const account = valid ? await findAccountById(db, row.user_id) : undefined;
  return {
    purpose: row?.purpose ?? ('password-reset' as const),
    valid: valid && account !== undefined && account.active === 1,
    email: valid && account ? account.email : null,
  };
}

/**
 * Sets the password of the link's account: the link is used up (also against a second request at
 * the same time), every other open link and every session of the account end, and the audit log
 * records it.
 */
export async function setPasswordWithLink(db: DbOrTrx, token: string, newPassword: string, requestId: string): Promise<void> {
  const row = await repo.findTokenByHash(db, sha256(token));
  const at = nowIso();
  if (!row || row.used_at !== null || row.expires_at <= at) throw fieldError('token', INVALID, 'link_invalid');
  const account = await findAccountById(db, row.user_id);
  if (!account || account.active !== 1 || account.oidc_subject !== null) throw fieldError('token', INVALID, 'link_invalid');
  assertPasswordPolicy(newPassword, 'newPassword');
  if (!(await repo.useToken(db, row.id, at))) throw fieldError('token', INVALID, 'link_invalid');
  await setAccountPassword(db, account.id, await hashPassword(newPassword));
  await repo.voidTokensOfUser(db, account.id, at);
  await endSessionsOfUser(db, account.id);
  const actor: Actor = { userId: account.id, label: account.email, requestId };
  await recordAudit(db, actor, {
    action: row.purpose === 'invitation' ? 'set-password-by-invitation' : 'reset-password-by-link',
    entityType: 'user',
    entityId: account.id,
  });
}

/** Removes reset requests and links older than a week. */
export async function removeOldLinkData(db: DbOrTrx): Promise<void> {
  await repo.deleteOldLinkData(db, new Date(now().getTime() - 7 * 24 * HOUR_MS).toISOString());
}
