import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ALL_OFFENCES } from '../../../shared/crime-stats.schema.ts';

const KEY = /^(------|[0-9*]{6})$/;

export type MapLevel = 'districts' | 'municipalities';
export interface IndicatorParams {
  year?: number;
  offence: string;
  /** The overview's level: districts (BKA) or municipalities (state police figures, where they exist). */
  level: MapLevel;
}

/** Year, offence key and level from the address (?year=2022&offence=892000&level=municipalities), so a view can be linked and reloaded. */
export function useIndicatorParams(): [IndicatorParams, (next: { year?: number; offence: string; level?: MapLevel }) => void] {
  const [params, setParams] = useSearchParams();
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : undefined;
  const o = params.get('offence') ?? '';
  const offence = KEY.test(o) ? o : ALL_OFFENCES;
  const level: MapLevel = params.get('level') === 'municipalities' ? 'municipalities' : 'districts';
  const set = useCallback(
    (next: { year?: number; offence: string; level?: MapLevel }) => {
      setParams(
        (current) => {
          const p = new URLSearchParams();
          if (next.year) p.set('year', String(next.year));
          if (next.offence !== ALL_OFFENCES) p.set('offence', next.offence);
          const l = next.level ?? (current.get('level') === 'municipalities' ? 'municipalities' : 'districts');
          if (l === 'municipalities') p.set('level', l);
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [{ year, offence, level }, set];
}
