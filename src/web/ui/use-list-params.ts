import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List state (page, filters, sort) kept in the URL, so reload, bookmarks and the back button keep it.
 * Values equal to their default are left out of the URL.
 */
export function useListParams<T extends Record<string, string>>(
  defaults: T,
): [T, (patch: Partial<T>, options?: { keepPage?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  const values = useMemo(() => {
    const out = { ...defaults };
    for (const key of Object.keys(defaults) as (keyof T)[]) {
      const v = search.get(String(key));
      if (v !== null) out[key] = v as T[keyof T];
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass a fresh defaults object each render; the URL is what changes
  }, [search]);

  const update = useCallback(
    (patch: Partial<T>, options?: { keepPage?: boolean }) => {
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        const all: Partial<T> = { ...patch };
        // Changing a filter or the sort starts again at page 1.
        if (!options?.keepPage && !('page' in patch) && 'page' in defaults) (all as Record<string, string>).page = defaults.page as string;
        for (const [k, v] of Object.entries(all)) {
          if (v === undefined || v === '' || v === defaults[k]) next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      });
    },
    [defaults, setSearch],
  );

  return [values, update];
}
