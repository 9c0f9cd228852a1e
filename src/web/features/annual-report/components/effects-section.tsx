import { Stack, Text, Title } from '@mantine/core';
import { EFFECTS_REASON_LABELS, type EffectsSection } from '../../../../shared/annual-report.schema.ts';
import { formatNumber } from '../../../../shared/format.ts';
import type { AnnualReportT } from '../i18n.ts';
import { ReportTable } from './report-table.tsx';

/**
 * The effects section ("Wirkung") of a report: per field of action the pooled rate ratio with its
 * interval, "kein belastbarer Effekt" where the interval includes 1, or the reason no estimate is
 * shown; the method and the limits of the estimate below.
 */
export function EffectsSectionBody({
  effects: e,
  year,
  t,
  lang,
}: {
  effects: EffectsSection;
  year: number;
  t: AnnualReportT;
  lang: 'de' | 'en';
}) {
  const n = (v: number) => formatNumber(v, lang, 0);
  const ratio = (v: number | null) => (v === null ? '–' : formatNumber(v, lang, 2));
  return (
    <Stack>
      <Text>{t('effectsIntro', { year, method: e.methodVersion })}</Text>
      <ReportTable
        caption={t('effectsCaption', { year })}
        header={[t('field'), t('interventions'), t('estimates'), t('rateRatio'), t('interval'), t('assessment')]}
        rows={e.fields.map((f) => [
          lang === 'en' ? f.nameEn : f.name,
          n(f.interventions),
          n(f.estimates),
          ratio(f.rateRatio),
          f.ciLow === null || f.ciHigh === null ? '–' : t('intervalRange', { low: ratio(f.ciLow), high: ratio(f.ciHigh) }),
          f.rateRatio === null
            ? t('noEstimate', { reason: f.reason ? EFFECTS_REASON_LABELS[f.reason][lang] : t('noIntervention') })
            : f.noReliableEffect
              ? t('noReliableEffect')
              : f.rateRatio < 1
                ? t('fewerCases')
                : t('moreCases'),
        ])}
      />
      <Title order={3} fz="lg">
        {t('caveatsTitle')}
      </Title>
      <ul>
        {(lang === 'en' ? e.caveats.en : e.caveats.de).map((c) => (
          <li key={c}>
            <Text>{c}</Text>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
