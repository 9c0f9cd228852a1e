/*
 * The sign-in page is a light entry of its own (sign-in.html, decision 040): the app reaches it by
 * a full page load to its address, which carries where to return afterwards (`next`) and why the
 * last session ended (`ended`). The app writes the address, the sign-in page reads it.
 */

export const SIGN_IN_PATH = '/login';

/** Why the last session of a page ended, so the sign-in page can say so. */
export type SessionEnd = 'signedOut' | 'sessionExpired';
const SESSION_ENDS: readonly string[] = ['signedOut', 'sessionExpired'] satisfies SessionEnd[];

/** The sign-in page's address; `next` is left out when it is the home page (where a sign-in goes anyway). */
export function signInAddress({ next, ended }: { next?: string | null; ended?: SessionEnd | null }): string {
  const params = new URLSearchParams();
  if (next && next !== '/') params.set('next', next);
  if (ended) params.set('ended', ended);
  const query = params.toString();
  return query ? `${SIGN_IN_PATH}?${query}` : SIGN_IN_PATH;
}

/**
 * Where to go after sign-in: the `next` of the address when it is a page of this site (a path,
 * never another origin, not the sign-in page itself), else the home page.
 */
export function returnPathOf(search: string, origin: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  // `//host` and `/\host` are addresses of other sites; the parser says so by their origin.
  if (url.origin !== origin || url.pathname === SIGN_IN_PATH) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Why the last session ended, as the address says. */
export function sessionEndOf(search: string): SessionEnd | null {
  const ended = new URLSearchParams(search).get('ended');
  return ended && SESSION_ENDS.includes(ended) ? (ended as SessionEnd) : null;
}
