import { Paper, Stack } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote, MunicipalityMap, useMapPayload } from '../../territory/index.map.ts';
import { STATUS_COLOURS, statusLabel } from '../status-style.ts';
import { countByStatus, type MapRow } from './map-rows.ts';
import { SectionHeading } from './section-heading.tsx';
import { StatusLegend } from './status-legend.tsx';
import { type NameLink, StatusTable } from './status-table.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

function MapFigure({ rows, at, summaryId }: { rows: readonly MapRow[]; at: string; summaryId: string }) {
  const { t } = useTranslation();
  const payload = useMapPayload();
  const byAgs = useMemo(() => new Map(rows.map((r) => [r.ags, r])), [rows]);
  if (payload.isPending) return <Loading />;
  if (payload.isError) {
    if (payload.error instanceof ApiError && payload.error.status === 404)
      return <Callout tone="neutral">{t('alliance.map.noBoundaries')}</Callout>;
    return <LoadError error={payload.error} onRetry={() => void payload.refetch()} />;
  }
  const styleOf = (ags: string) => {
    const row = byAgs.get(ags);
    const status = row?.status ?? 'none';
    return { fill: STATUS_COLOURS[status], category: status, title: `${row?.name ?? ags}: ${statusLabel(status)}` };
  };
  return (
    <>
      <MunicipalityMap
        payload={payload.data}
        styleOf={styleOf}
        label={t('alliance.map.label', { at: formatDate(at, currentLanguage()) })}
        describedBy={summaryId}
      />
      <AttributionNote notes={payload.data.attribution} links={payload.data.attributionLinks} />
    </>
  );
}

/**
 * The choropleth of municipalities by status at the date, with what makes it accessible: a text
 * summary, a legend in words, and a table of every municipality as its keyboard-usable alternative.
 */
export function StatusMapSection({ rows, at, nameLink }: { rows: readonly MapRow[]; at: string; nameLink?: NameLink }) {
  const { t } = useTranslation();
  const summaryId = useId();
  const counts = useMemo(() => countByStatus(rows), [rows]);
  const collaborating = rows.filter((r) => r.inCollaboration).length;
  return (
    <section aria-labelledby="map-heading">
      <SectionHeading id="map-heading">{t('alliance.map.title')}</SectionHeading>
      <p id={summaryId}>
        {t('alliance.map.summary', {
          n: formatNumber(collaborating),
          total: formatNumber(rows.length),
          at: formatDate(at, currentLanguage()),
          agreements: formatNumber(counts.get('agreement') ?? 0),
        })}
      </p>
      <Paper withBorder p={{ base: 'xs', sm: 'md' }} radius="md" bg="white">
        <Stack gap="sm">
          <MapFigure rows={rows} at={at} summaryId={summaryId} />
          <StatusLegend counts={counts} />
        </Stack>
      </Paper>
      <details style={{ marginTop: '0.75rem' }}>
        <summary>{t('alliance.map.tableToggle', { total: formatNumber(rows.length) })}</summary>
        <StatusTable rows={rows} caption={t('alliance.map.tableCaption', { at: formatDate(at, currentLanguage()) })} nameLink={nameLink} />
      </details>
    </section>
  );
}
