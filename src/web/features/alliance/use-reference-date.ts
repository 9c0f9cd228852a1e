import { useListParams } from '../../ui/use-list-params.ts';
import { isIsoDate, todayBerlin } from '../../../shared/time.ts';

const DEFAULTS = { at: '' };

/** The reference date kept in the URL (?at=): a valid date up to today, else today. Returns [at, today, setAt]. */
export function useReferenceDate(): [string, string, (date: string) => void] {
  const [params, update] = useListParams(DEFAULTS);
  const today = todayBerlin();
  const at = isIsoDate(params.at) && params.at <= today ? params.at : today;
  return [at, today, (date: string) => update({ at: date === today ? '' : date })];
}
