/**
 * The web app's HTML entries (decision 020): the signed-in app (`index.html`) and the public pages,
 * each its own entry that loads none of the app's code. The build (vite.config.ts), the dev server
 * and the API server's static serving read this one list.
 */
export const WEB_ENTRIES = {
  index: 'index.html',
  publicSurvey: 'public-survey.html',
  publicPage: 'public-page.html',
} as const;

export type WebEntry = keyof typeof WEB_ENTRIES;

/** The entry whose HTML answers a page address: the citizen survey, the alliance's public page, else the app. */
export function webEntryFor(pathname: string): WebEntry {
  if (pathname === '/befragung' || pathname.startsWith('/befragung/')) return 'publicSurvey';
  if (pathname === '/oeffentlich' || pathname === '/oeffentlich/') return 'publicPage';
  return 'index';
}
