import * as client from 'openid-client';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import type { Role } from '../../shared/roles.ts';
import type { OidcConfig } from '../config.ts';

/*
 * The OpenID Connect side of single sign-on: discovery, the authorization request, the code
 * exchange and the mapping of claims to a Praevis identity. It knows nothing of the database;
 * modules/auth/oidc.service.ts decides what an identity may do.
 */

/** When several claim values map to roles, the first of this list wins. */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'lpr', 'ministry', 'police', 'coordinator'];

/** The longest post-login path accepted as `returnTo`. */
export const RETURN_TO_MAX = 512;

/** How long the round trip to the provider may take, from the redirect to the callback. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;

// Provider metadata changes rarely; a day's cache still picks up a moved endpoint without a restart.
// Signing keys are not cached here: openid-client refetches the JWKS when it meets an unknown key id.
const DISCOVERY_TTL_MS = 24 * 3_600_000;
const HTTP_TIMEOUT_SECONDS = 10;

const discoveries = new WeakMap<OidcConfig, { at: number; configuration: Promise<client.Configuration> }>();

/** The provider's configuration from its discovery document, cached per configuration; a failed discovery is retried on the next call. */
export function discoverProvider(oidc: OidcConfig): Promise<client.Configuration> {
  const cached = discoveries.get(oidc);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const configuration = client.discovery(
    new URL(oidc.issuer),
    oidc.clientId,
    undefined,
    oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
    { execute: oidc.allowHttp ? [client.allowInsecureRequests] : [], timeout: HTTP_TIMEOUT_SECONDS },
  );
  discoveries.set(oidc, { at: Date.now(), configuration });
  configuration.catch(() => {
    if (discoveries.get(oidc)?.configuration === configuration) discoveries.delete(oidc);
  });
  return configuration;
}

/** What the browser carries through the round trip (in a signed cookie): the secrets to check the answer and where to go next. */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  issuedAt: number;
}

const loginStateSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().max(RETURN_TO_MAX),
  issuedAt: z.number().int(),
});

export function encodeLoginState(s: LoginState): string {
  return Buffer.from(JSON.stringify(s)).toString('base64url');
}

/** Reads a login state; null when it is malformed or older than LOGIN_STATE_TTL_MS (the cookie's own expiry is up to the browser). */
export function decodeLoginState(raw: string, now = Date.now()): LoginState | null {
  try {
    const parsed = loginStateSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const age = now - parsed.data.issuedAt;
    return age >= 0 && age <= LOGIN_STATE_TTL_MS && isSafeReturnTo(parsed.data.returnTo) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a post-login target is a path on this site: no scheme, no host, no `//` or `\` tricks, no control characters. */
export function isSafeReturnTo(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return false;
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const base = 'http://praevis.invalid';
    return new URL(value, base).origin === base;
  } catch {
    return false;
  }
}

/** Builds the authorization request (code flow, PKCE S256, state, nonce) and the state to keep until the callback. */
export async function buildLoginRedirect(
  oidc: OidcConfig,
  redirectUri: string,
  returnTo: string,
): Promise<{ url: URL; login: LoginState }> {
  const configuration = await discoverProvider(oidc);
  const login: LoginState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    returnTo,
    issuedAt: Date.now(),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: oidc.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(login.verifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  return { url, login };
}

export type Claims = Record<string, unknown>;

/**
 * Exchanges the authorization code (openid-client checks state, nonce, PKCE, issuer and the ID
 * token's signature) and returns the ID token's claims, completed from userinfo when a claim the
 * mapping needs is missing. Tokens never leave this function.
 */
export async function exchangeCodeForClaims(oidc: OidcConfig, callbackUrl: URL, login: LoginState): Promise<Claims> {
  const configuration = await discoverProvider(oidc);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  // idTokenExpected makes openid-client refuse a response without one; this only narrows the type.
  if (!idClaims) throw new Error('openid-client returned no ID token');
  const claims: Claims = { ...idClaims };
  if (!needsUserinfo(claims, oidc) || !configuration.serverMetadata().userinfo_endpoint) return claims;
  const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
  // The signed ID token wins where both speak; userinfo only fills gaps.
  return { ...userinfo, ...claims };
}

/**
 * Sorts a failure of the round trip: `denied` when the provider answered with an error (the user
 * cancelled, or may not use the client), `unavailable` when it could not be reached or answered
 * nonsense, `rejected` when it refused our code or its answer failed a check. Null: not ours.
 */
export function classifyOidcFailure(err: unknown): 'denied' | 'unavailable' | 'rejected' | null {
  if (err instanceof client.AuthorizationResponseError) return 'denied';
  if (err instanceof client.ResponseBodyError || err instanceof client.WWWAuthenticateChallengeError) return 'rejected';
  if (err instanceof client.ClientError) {
    return err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || err.code === 'OAUTH_RESPONSE_IS_NOT_JSON' ? 'unavailable' : 'rejected';
  }
  // fetch reports an unreachable host as TypeError, a timeout as TimeoutError or AbortError.
  if (err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')))
    return 'unavailable';
  return null;
}

/** Whether a claim the mapping needs is absent (providers such as Keycloak put some claims only into userinfo). */
function needsUserinfo(claims: Claims, oidc: OidcConfig): boolean {
  const roleValue = claimAt(claims, oidc.roleClaim);
  if (roleValue === undefined || claims.email === undefined) return true;
  const role = mapRole(roleValue, oidc.roleMap);
  return (
    (role === 'coordinator' && claimAt(claims, oidc.communesClaim) === undefined) ||
    (role === 'police' && claimAt(claims, oidc.directorateClaim) === undefined)
  );
}

/** Reads a claim by name or by dotted path (`realm_access.roles`); a claim whose own name contains the dots wins. */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Claims)[key];
  }
  return value;
}

function stringsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** The most privileged Praevis role that any value of the role claim (string or array) maps to, or null. */
export function mapRole(value: unknown, roleMap: Record<string, string>): Role | null {
  const mapped = new Set(stringsOf(value).map((v) => (Object.hasOwn(roleMap, v) ? roleMap[v] : undefined)));
  return ROLE_PRECEDENCE.find((r) => mapped.has(r)) ?? null;
}

/** AGS from a communes claim: an array or a comma-separated string; anything that is not 8 digits is dropped. */
export function parseCommunes(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const parts = list.flatMap((v) => {
    // A numeric claim loses the leading zero of states 01–09.
    if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 1e8) return [String(v).padStart(8, '0')];
    return typeof v === 'string' ? v.split(',') : [];
  });
  return [...new Set(parts.map((p) => p.trim()).filter((p) => /^\d{8}$/.test(p)))].sort();
}

/** The identity a provider asserts, in Praevis terms; role and scope still need checking against the database. */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  role: Role | null;
  communes: string[];
  directorateName: string | null;
}

const emailSchema = z.email().max(LIMITS.emailMax);

function firstString(value: unknown): string | null {
  const s = stringsOf(value)
    .map((v) => v.trim())
    .find((v) => v.length > 0);
  return s ?? null;
}

/** Maps claims through the configured role claim, role map, communes and directorate claims. */
export function identityFromClaims(claims: Claims, oidc: OidcConfig): OidcIdentity {
  const subject = String(claims.sub ?? '');
  const rawEmail = firstString(claims.email);
  const email = rawEmail && emailSchema.safeParse(rawEmail).success ? rawEmail.toLowerCase() : null;
  const givenAndFamily = [firstString(claims.given_name), firstString(claims.family_name)].filter(Boolean).join(' ');
  const displayName = (
    firstString(claims.name) ??
    (givenAndFamily || null) ??
    firstString(claims.preferred_username) ??
    email ??
    subject
  ).slice(0, LIMITS.nameMax);
  return {
    subject,
    email,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    displayName,
    role: mapRole(claimAt(claims, oidc.roleClaim), oidc.roleMap),
    communes: parseCommunes(claimAt(claims, oidc.communesClaim)),
    directorateName: firstString(claimAt(claims, oidc.directorateClaim))?.slice(0, LIMITS.nameMax) ?? null,
  };
}
