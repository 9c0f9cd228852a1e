import { useSyncExternalStore } from 'react';
import { isIsoDate, todayBerlin } from '../../../shared/time.ts';

/*
 * The reference date in the address (?at=) for the public page, which is an entry without a
 * router (decision 020): read from the location, written with history.pushState, so reload,
 * bookmarks and the back button keep it as on the dashboard (use-reference-date.ts).
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const addressAt = () => new URLSearchParams(window.location.search).get('at') ?? '';
const addressSearch = () => window.location.search;

/** Goes to an address of the same page (pushState), so that reload, bookmarks and back keep it. */
export function pushAddress(href: string): void {
  window.history.pushState(window.history.state, '', new URL(href, window.location.href));
  for (const listener of listeners) listener();
}

/** The address's query (`?…`), re-read when it changes. */
export function useAddressSearch(): string {
  return useSyncExternalStore(subscribe, addressSearch);
}

/** The reference date kept in the address (?at=): a valid date up to today, else today. Returns [at, today, setAt]. */
export function useAddressReferenceDate(): [string, string, (date: string) => void] {
  const raw = useSyncExternalStore(subscribe, addressAt);
  const today = todayBerlin();
  const at = isIsoDate(raw) && raw <= today ? raw : today;
  const setAt = (date: string) => {
    const url = new URL(window.location.href);
    if (date === today) url.searchParams.delete('at');
    else url.searchParams.set('at', date);
    pushAddress(url.toString());
  };
  return [at, today, setAt];
}
