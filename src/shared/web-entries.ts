/**
 * The web app's HTML entries (decisions 020, 040): the signed-in app (`index.html`), the public pages
 * and the sign-in page, each its own entry that loads none of the app's code. The build (vite.config.ts), the dev server
 * and the API server's static serving read this one list.
 */
export const WEB_ENTRIES = {
  index: 'index.html',
  publicSurvey: 'public-survey.html',
  publicPage: 'public-page.html',
  signIn: 'sign-in.html',
} as const;

export type WebEntry = keyof typeof WEB_ENTRIES;

/** The entry whose HTML answers a page address: the citizen survey, the alliance's public page, sign-in, else the app. */
export function webEntryFor(pathname: string): WebEntry {
  if (pathname === '/login' || pathname === '/login/') return 'signIn';
  if (pathname === '/befragung' || pathname.startsWith('/befragung/')) return 'publicSurvey';
  if (pathname === '/oeffentlich' || pathname === '/oeffentlich/') return 'publicPage';
  return 'index';
}
