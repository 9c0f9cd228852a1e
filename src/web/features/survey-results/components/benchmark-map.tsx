import { Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import type { SurveyBenchmark } from '../../../../shared/survey-results.schema.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { AttributionNote, MunicipalityMap, useMapPayload } from '../../territory/index.ts';
import { num, pct } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';

/** Four classes of a sequential blue scale (ColorBrewer Blues), grey for suppressed and for no survey. */
const CLASS_COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;
const SUPPRESSED = '#868e96';
const NONE = '#e9ecef';
/** Class bounds: shares in 10-point steps up to 30 %, scores in quarters of 0–100. */
const BOUNDS = { share: [0.1, 0.2, 0.3], score: [25, 50, 75] } as const;

type Survey = SurveyBenchmark['surveys'][number];

/**
 * The choropleth of one index: each municipality in the colour of its survey's value (the marked
 * survey first, else its latest released survey). The table of the page is its alternative; here
 * a summary in words and a legend in words.
 */
export function BenchmarkMap({ data, lang }: { data: SurveyBenchmark; lang: string }) {
  const t = useSurveyResultsT();
  const summaryId = useId();
  const payload = useMapPayload();
  const [indexId, setIndexId] = useState(data.indices[0]?.id ?? 'unsafe_night');
  const index = data.indices.find((i) => i.id === indexId) ?? data.indices[0];
  const byAgs = useMemo(() => {
    const map = new Map<string, Survey>();
    const ordered = [...data.surveys].sort(
      (a, b) => Number(a.marked) - Number(b.marked) || (a.closedOn ?? '').localeCompare(b.closedOn ?? '') || a.surveyId - b.surveyId,
    );
    for (const s of ordered) for (const m of s.municipalities) map.set(m.ags, s);
    return map;
  }, [data.surveys]);
  if (!index) return null;
  const bounds = BOUNDS[index.unit];
  const fmt = (x: number) => (index.unit === 'share' ? pct(x, lang, 0) : num(x, lang));
  const classes = [
    t('benchmark.map.below', { value: fmt(bounds[0]) }),
    t('benchmark.map.between', { from: fmt(bounds[0]), to: fmt(bounds[1]) }),
    t('benchmark.map.between', { from: fmt(bounds[1]), to: fmt(bounds[2]) }),
    t('benchmark.map.from', { value: fmt(bounds[2]) }),
  ];
  const classOf = (v: number) => bounds.filter((b) => v >= b).length;
  const styleOf = (ags: string) => {
    const s = byAgs.get(ags);
    const e = s?.figures.find((f) => f.id === index.id)?.estimate;
    const name = s?.municipalities.find((m) => m.ags === ags)?.name ?? ags;
    if (!s || !e) return { fill: NONE, category: 'none', title: `${name}: ${t('benchmark.map.none')}` };
    if (e.suppressed || e.value === null)
      return { fill: SUPPRESSED, category: 'suppressed', title: `${name}: ${t('benchmark.suppressed', { k: s.kMin })}` };
    const c = classOf(e.value);
    const value = index.unit === 'share' ? pct(e.value, lang) : num(e.value, lang, 1);
    return { fill: CLASS_COLOURS[c]!, category: `class-${c}`, title: `${name}: ${value}` };
  };
  const shown = [...byAgs.values()].filter((s) => s.figures.some((f) => f.id === index.id && f.estimate.value !== null)).length;
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('benchmark.map.index')}
        value={index.id}
        onChange={(e) => setIndexId(e.currentTarget.value as typeof indexId)}
        data={data.indices.map((i) => ({ value: i.id, label: i.label }))}
        maw={360}
      />
      <p id={summaryId}>{t('benchmark.map.summary', { index: index.label, count: shown })}</p>
      {payload.isPending ? (
        <Loading />
      ) : payload.isError ? (
        payload.error instanceof ApiError && payload.error.status === 404 ? (
          <Callout tone="neutral">{t('benchmark.map.noBoundaries')}</Callout>
        ) : (
          <LoadError error={payload.error} onRetry={() => void payload.refetch()} />
        )
      ) : (
        <>
          <MunicipalityMap
            payload={payload.data}
            styleOf={styleOf}
            label={t('benchmark.map.label', { index: index.label })}
            describedBy={summaryId}
          />
          <AttributionNote notes={payload.data.attribution} links={payload.data.attributionLinks} />
        </>
      )}
      <Group component="ul" aria-label={t('benchmark.map.legend')} gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
        {classes.map((label, i) => (
          <Group component="li" key={label} gap={6} wrap="nowrap">
            <span className="legend-swatch" style={{ background: CLASS_COLOURS[i] }} aria-hidden="true" />
            <Text size="sm">{label}</Text>
          </Group>
        ))}
        <Group component="li" gap={6} wrap="nowrap">
          <span className="legend-swatch" style={{ background: SUPPRESSED }} aria-hidden="true" />
          <Text size="sm">{t('benchmark.map.suppressed')}</Text>
        </Group>
        <Group component="li" gap={6} wrap="nowrap">
          <span className="legend-swatch" style={{ background: NONE }} aria-hidden="true" />
          <Text size="sm">{t('benchmark.map.none')}</Text>
        </Group>
      </Group>
    </Stack>
  );
}
