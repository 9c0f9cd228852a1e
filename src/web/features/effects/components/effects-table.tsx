import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EffectEstimate } from '../../../../shared/effects.schema.ts';
import { formatNumber, formatPercent } from '../../../../shared/format.ts';
import { formatDate } from '../../../../shared/time.ts';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { type EffectsT, useEffectsT } from '../i18n.ts';

export const useLang = () => (useTranslation().i18n.language.startsWith('en') ? 'en' : 'de');

/** The words of an estimate: "kein belastbarer Effekt" where the interval spans no change, else the direction with the change. */
export function assessment(t: EffectsT, e: EffectEstimate, lang: 'de' | 'en'): string {
  if (!e.result) return t(`reason.${e.suppressed ?? 'no-figures'}`);
  if (e.result.noReliableEffect) return t('assessment.none');
  const pct = formatPercent(e.result.changePct, lang, 0);
  return t(e.result.rateRatio < 1 ? 'assessment.fewer' : 'assessment.more', { pct });
}

/** Every estimate as a table, the chart's alternative: interval, assessment, comparison group. */
export function EffectsTable({
  estimates,
  caption,
  showMunicipality = false,
}: {
  estimates: EffectEstimate[];
  caption: string;
  showMunicipality?: boolean;
}) {
  const t = useEffectsT();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang, 2);
  return (
    <TableFrame label={caption} minWidth={900}>
      <Table>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.intervention')}</Table.Th>
            <Table.Th scope="col">{t('columns.field')}</Table.Th>
            <Table.Th scope="col">{t('columns.start')}</Table.Th>
            <Table.Th scope="col">{t('columns.years')}</Table.Th>
            <Table.Th scope="col">{t('columns.cases')}</Table.Th>
            <Table.Th scope="col">{t('columns.rateRatio')}</Table.Th>
            <Table.Th scope="col">{t('columns.interval')}</Table.Th>
            <Table.Th scope="col">{t('columns.assessment')}</Table.Th>
            <Table.Th scope="col">{t('columns.comparison')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {estimates.map((e) => (
            <Table.Tr key={`${e.interventionKind}-${e.interventionId}-${e.field.code}`}>
              <Table.Th scope="row" fw="normal">
                {t(`kind.${e.interventionKind}`)}
                {showMunicipality ? ` · ${e.municipalityName}` : ''}
                {e.interventionKind === 'project' ? ` · ${e.interventionLabel}` : ''}
              </Table.Th>
              <Table.Td>{lang === 'en' ? e.field.nameEn : e.field.name}</Table.Td>
              <Table.Td>{formatDate(e.startDate, lang)}</Table.Td>
              <Table.Td>
                {e.outcome.preYears.length
                  ? `${e.outcome.preYears[0]}–${e.outcome.preYears.at(-1)} / ${e.outcome.postYears.join(', ') || '–'}`
                  : '–'}
              </Table.Td>
              <Table.Td>
                {e.result
                  ? `${formatNumber(e.result.treatedPreCases, lang, 0)} / ${formatNumber(e.result.treatedPostCases, lang, 0)}`
                  : '–'}
              </Table.Td>
              <Table.Td>{e.result ? n(e.result.rateRatio) : '–'}</Table.Td>
              <Table.Td>{e.result ? `${n(e.result.ciLow)} – ${n(e.result.ciHigh)}` : '–'}</Table.Td>
              <Table.Td>
                {e.result ? (
                  <Badge variant="light" color={e.result.noReliableEffect ? 'gray' : e.result.rateRatio < 1 ? 'teal' : 'orange'} tt="none">
                    {assessment(t, e, lang)}
                  </Badge>
                ) : (
                  <Text size="sm">{assessment(t, e, lang)}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {e.comparison.units.map((u) => u.name).join(', ') || '–'}
                  {e.outcome.level === 'district' ? ` (${t('comparison.district')})` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {e.comparison.source === 'chosen'
                    ? t('comparison.chosen', { who: e.comparison.chosenBy ?? '' })
                    : t('comparison.automatic')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
