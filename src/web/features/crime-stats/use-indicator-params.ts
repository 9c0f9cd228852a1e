import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ALL_OFFENCES } from '../../../shared/crime-stats.schema.ts';

const KEY = /^(------|[0-9*]{6})$/;

/** Year and offence key from the address (?year=2022&offence=892000), so a view can be linked and reloaded. */
export function useIndicatorParams(): [{ year?: number; offence: string }, (next: { year?: number; offence: string }) => void] {
  const [params, setParams] = useSearchParams();
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : undefined;
  const o = params.get('offence') ?? '';
  const offence = KEY.test(o) ? o : ALL_OFFENCES;
  const set = useCallback((next: { year?: number; offence: string }) => {
    const p = new URLSearchParams();
    if (next.year) p.set('year', String(next.year));
    if (next.offence !== ALL_OFFENCES) p.set('offence', next.offence);
    setParams(p, { replace: true });
  }, [setParams]);
  return [{ year, offence }, set];
}
