import { Alert, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../../../shared/format.ts';
import { todayBerlin } from '../../../../shared/time.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { effectsExportUrl, useStatewideEffects } from '../api.ts';
import { EffectsChart } from '../components/effects-chart.tsx';
import { EffectsTable, useLang } from '../components/effects-table.tsx';
import { useEffectsT } from '../i18n.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';

/** The statewide view: per field of action of the programme the estimates of a year, pooled, with chart, table and reasons. */
export function EffectsPage() {
  const t = useEffectsT();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayBerlin().slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  const year = Number(params.get('year')) || thisYear;
  const query = useStatewideEffects(year);
  const n = (v: number) => formatNumber(v, lang, 2);
  return (
    <>
      <PageHeader title={t('page.title')} intro={t('page.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t('page.year')}
            value={String(year)}
            data={years.map(String)}
            onChange={(e) => setParams({ year: e.currentTarget.value })}
            w={140}
          />
          <DownloadLinks hrefOf={(format) => effectsExportUrl(format, { year }, lang)} what={t('section.downloadWhat')} />
        </Group>
        <Alert variant="light" color="gray">
          {t('page.caveat')}
        </Alert>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          query.data.fields.map((f) => (
            <Paper
              key={f.field.code}
              withBorder
              p={{ base: 'md', sm: 'lg' }}
              radius="md"
              component="section"
              aria-labelledby={`field-${f.field.code}`}
            >
              <Title order={2} fz="lg" id={`field-${f.field.code}`} mb="xs">
                {lang === 'en' ? f.field.nameEn : f.field.name}
              </Title>
              {f.interventions ? (
                <Text size="sm">{t('page.summary', { shown: f.shown, total: f.interventions, fewer: f.fewer, more: f.more })}</Text>
              ) : null}
              {f.pooled ? (
                <Text size="sm" fw={600}>
                  {t('page.pooled', { rr: n(f.pooled.rateRatio), low: n(f.pooled.ciLow), high: n(f.pooled.ciHigh) })}
                  {f.pooled.noReliableEffect ? ` – ${t('assessment.none')}` : ''}
                </Text>
              ) : (
                <Text size="sm">{f.reason ? t(`reason.${f.reason}`) : t('page.fieldNone')}</Text>
              )}
              {f.estimates.length ? (
                <Stack gap="sm" mt="sm">
                  <EffectsChart estimates={f.estimates} />
                  <EffectsTable
                    estimates={f.estimates}
                    caption={`${t('section.table')}: ${lang === 'en' ? f.field.nameEn : f.field.name}`}
                    showMunicipality
                  />
                </Stack>
              ) : null}
            </Paper>
          ))
        )}
        {query.data ? (
          <Text size="xs" c="dimmed">
            {t('section.method', { version: query.data.methodVersion, min: 20 })}
          </Text>
        ) : null}
      </Stack>
    </>
  );
}
