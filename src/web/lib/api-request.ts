import type { Problem } from '../../shared/common.schema.ts';

/*
 * The API client's core without i18next or React (decision 040): the light public entries use it
 * as it is; lib/api-client.ts adds the error reports of the app's forms and its texts.
 */

/** A failed API call, carrying the server's RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  /** Field errors keyed by form field name (`body.email` and `email` both become `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = fieldNameOf(e.field);
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }

  /** Field errors keyed by their whole path (`body.signatories.1.name` becomes `signatories.1.name`), for forms with rows. */
  fieldErrorsByPath(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = fieldPathOf(e.field);
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

/** `body.signatories.0.name` → `signatories.0.name`: the path without the request part. */
export function fieldPathOf(field: string): string {
  return field.replace(/^(body|querystring|params)\./, '');
}

/** `body.communes.0` → `communes`: the first path segment after the request part. */
export function fieldNameOf(field: string): string {
  const parts = field.split('.');
  if (parts.length > 1 && (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params')) parts.shift();
  return parts[0] ?? field;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token from login or session; every write sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401 (the session expired or was ended elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds a query string, leaving out empty values. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** JSON, or FormData for a file upload (multipart/form-data; the browser sets the boundary). */
  body?: unknown;
  /** Do not treat a 401 as an expired session (the login and session calls themselves). */
  expectUnauthenticated?: boolean;
}

/** The title of a failure without a problem document (status 0: the network); set by each entry in its language. */
let fallbackTitle: (status: number | string) => string = (status) => (status === 0 ? 'Network error' : `Unexpected error (${status}).`);

/** Sets the titles of failures that bring no problem document (the entry's catalogue knows them). */
export function setFallbackTitle(title: (status: number | string) => string): void {
  fallbackTitle = title;
}

function fallbackProblem(status: number): Problem {
  return { type: 'about:blank', title: fallbackTitle(status), status };
}

/** Calls the Praevis API: same-origin cookies, CSRF header on writes, problem+json errors as ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  // The page's language (lib/i18n.ts and the light entries keep <html lang> up to date).
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'de' };
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, fallbackProblem(0));
  }

  if (response.status === 204) return undefined as T;
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const payload: unknown = isJson ? await response.json().catch(() => null) : null;
  if (response.ok) return payload as T;

  if (response.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
  const problem = payload && typeof payload === 'object' && 'title' in payload ? (payload as Problem) : fallbackProblem(response.status);
  throw new ApiError(response.status, problem);
}

/** What a form shows for an error: a summary line, an optional detail, and errors per field. */
export interface ErrorReport {
  title: string;
  detail?: string;
  fields: Record<string, string>;
  status: number;
}

/** Turns any thrown value into an ErrorReport; `byPath` keys field errors by their whole path (forms with rows). */
export function describeError(error: unknown, options: { byPath?: boolean } = {}): ErrorReport {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    const fields = options.byPath ? error.fieldErrorsByPath() : error.fieldErrors();
    return { title, detail: detail && detail !== title ? detail : undefined, fields, status: error.status };
  }
  return { title: fallbackTitle('–'), fields: {}, status: -1 };
}
