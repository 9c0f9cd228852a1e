import { todayBerlin } from '../../../../shared/time.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useFigures } from '../api.ts';
import { APP_DRILL_DOWN } from '../app-drill-down.ts';
import { StatewideFigures } from './figures-section.tsx';
import { SeriesSection } from './series-section.tsx';

/** The network's figures today (each a link to what it counts) and their monthly development: the ministry's home page. */
export function NetworkToday() {
  const at = todayBerlin();
  const figures = useFigures(at);
  return (
    <>
      {figures.isPending ? (
        <Loading />
      ) : figures.isError ? (
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <StatewideFigures figures={figures.data} drillDown={APP_DRILL_DOWN} />
      )}
      <SeriesSection at={at} />
    </>
  );
}
