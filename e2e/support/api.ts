/*
 * Setting up a test's own data through the API, so every browser test stands alone: it signs in
 * over HTTP, creates what it needs under names no other test uses, and only then drives the
 * pages. A retry of one test therefore finds what it needs as well.
 */
import crypto from 'node:crypto';
import { type APIRequestContext, type APIResponse, type BrowserContext, request } from '@playwright/test';
import type { Role } from '../../src/shared/roles.ts';
import { ADMIN } from './accounts.ts';

type Json = Record<string, unknown> | unknown[];

/** A short tag unique to this call, for names, e-mail addresses and titles no other test uses. */
export function uniqueTag(): string {
  return `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
}

/** The shared server of global setup. */
export function sharedBaseUrl(): string {
  const url = process.env.PRAEVIS_E2E_BASE_URL;
  if (!url) throw new Error('PRAEVIS_E2E_BASE_URL is not set: did global setup run?');
  return url;
}

/** A signed-in API client of one account; writes carry the CSRF token. */
export interface Api {
  /** The server it talks to. */
  baseURL: string;
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: Json): Promise<T>;
  put<T = any>(path: string, body?: Json): Promise<T>;
  patch<T = any>(path: string, body?: Json): Promise<T>;
  delete(path: string): Promise<void>;
  /** Sends one file as `multipart/form-data` in the field `file`. */
  upload<T = any>(path: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<T>;
  dispose(): Promise<void>;
}

async function ok(res: APIResponse, what: string): Promise<APIResponse> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return res;
}

/** The session cookie's `Set-Cookie` header of a login answer. */
function sessionHeaderOf(res: APIResponse): string {
  const header = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('praevis_session='));
  if (!header) throw new Error('the login answer set no session cookie');
  return header.value;
}

/** The session cookie of a login answer (kept by hand: the cookie is `Secure`, the test server plain HTTP). */
function sessionCookieOf(res: APIResponse): string {
  return sessionHeaderOf(res).split(';')[0]!;
}

async function signedIn(ctx: APIRequestContext, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await ok(await ctx.post('/api/auth/login', { data: { email, password } }), `sign-in of ${email}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: sessionCookieOf(res), csrf: body.csrfToken };
}

/** An API client signed in as the account (the seeded admin by default). */
export async function apiAs(account: { email: string; password: string } = ADMIN, baseURL = sharedBaseUrl()): Promise<Api> {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'de' } });
  const session = await signedIn(ctx, account.email, account.password);
  const headers = (write: boolean) => ({ cookie: session.cookie, ...(write ? { 'x-csrf-token': session.csrf } : {}) });
  const json = async (res: APIResponse, what: string) => {
    await ok(res, what);
    return res.status() === 204 ? undefined : res.json();
  };
  return {
    baseURL,
    get: async (path) => json(await ctx.get(path, { headers: headers(false) }), `GET ${path}`),
    post: async (path, body) => json(await ctx.post(path, { headers: headers(true), data: body ?? {} }), `POST ${path}`),
    put: async (path, body) => json(await ctx.put(path, { headers: headers(true), data: body ?? {} }), `PUT ${path}`),
    patch: async (path, body) => json(await ctx.patch(path, { headers: headers(true), data: body ?? {} }), `PATCH ${path}`),
    delete: async (path) => void (await ok(await ctx.delete(path, { headers: headers(true) }), `DELETE ${path}`)),
    upload: async (path, file) => json(await ctx.post(path, { headers: headers(true), multipart: { file } }), `upload to ${path}`),
    dispose: () => ctx.dispose(),
  };
}

/** An account ready to sign in with (its one-time password already replaced). */
export interface Account {
  id: number;
  email: string;
  password: string;
  name: string;
}

/**
 * Creates an account of a role under a unique address and replaces its one-time password, as its
 * owner would at the first sign-in. Coordinators need `communes`, police a `directorate` name.
 */
export async function createReadyAccount(
  admin: Api,
  input: { role: Role; name?: string; communes?: string[]; directorate?: string },
): Promise<Account> {
  const tag = uniqueTag();
  let directorateId: number | null = null;
  if (input.directorate) {
    const directorates = (await admin.get<{ id: number; name: string }[]>('/api/directorates')) ?? [];
    const found = directorates.find((d) => d.name.includes(input.directorate!));
    if (!found) throw new Error(`no police directorate named ${input.directorate}`);
    directorateId = found.id;
  }
  const email = `${input.role}.${tag}@praevis.test`;
  const name = input.name ?? `Testkonto ${tag}`;
  const created = await admin.post<{ user: { id: number }; oneTimePassword: string }>('/api/users', {
    email,
    displayName: name,
    role: input.role,
    communes: input.communes ?? [],
    directorateId,
    locale: 'de',
  });
  const password = `Eigenes Testkonto ${tag} bleibt geheim`;
  const ctx = await request.newContext({ baseURL: admin.baseURL });
  try {
    const session = await signedIn(ctx, email, created.oneTimePassword);
    await ok(
      await ctx.post('/api/auth/password', {
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        data: { currentPassword: created.oneTimePassword, newPassword: password },
      }),
      `password change of ${email}`,
    );
  } finally {
    await ctx.dispose();
  }
  return { id: created.user.id, email, password, name };
}

/**
 * Signs the account in through the API and gives the browser context its session cookie, with the
 * attributes the server set (HttpOnly, SameSite, Secure, path, lifetime): the pages then open as
 * after a sign-in through the form, which the first-sign-in and user-management specs drive.
 */
export async function addSessionCookie(
  context: BrowserContext,
  account: { email: string; password: string },
  baseURL = sharedBaseUrl(),
): Promise<void> {
  const ctx = await request.newContext({ baseURL });
  try {
    const res = await ok(
      await ctx.post('/api/auth/login', { data: { email: account.email, password: account.password } }),
      `sign-in of ${account.email}`,
    );
    const [pair, ...attributes] = sessionHeaderOf(res)
      .split(';')
      .map((p) => p.trim());
    const eq = pair!.indexOf('=');
    const attr = new Map(
      attributes.map((a) => {
        const i = a.indexOf('=');
        return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
      }),
    );
    const sameSite = attr.get('samesite')?.toLowerCase();
    const maxAge = attr.get('max-age');
    await context.addCookies([
      {
        name: pair!.slice(0, eq),
        value: pair!.slice(eq + 1),
        domain: new URL(baseURL).hostname,
        path: attr.get('path') ?? '/',
        httpOnly: attr.has('httponly'),
        secure: attr.has('secure'),
        sameSite: sameSite === 'strict' ? 'Strict' : sameSite === 'none' ? 'None' : 'Lax',
        expires: maxAge ? Math.floor(Date.now() / 1000) + Number(maxAge) : -1,
      },
    ]);
  } finally {
    await ctx.dispose();
  }
}
