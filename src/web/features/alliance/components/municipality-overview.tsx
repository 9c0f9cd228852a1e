import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MunicipalityDetail } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { rankPhrase } from '../rank-phrase.ts';
import { AllianceStatusBadge } from './alliance-status-badge.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/** Status at the date, the rank in the district and the state behind it, as a description list. */
export function MunicipalityOverview({ detail }: { detail: MunicipalityDetail }) {
  const { t } = useTranslation();
  const s = detail.state;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const facts: [string, string][] = [
    [t('alliance.overview.advised'), yes(s.advised)],
    [t('alliance.overview.preAgreement'), yes(s.preAgreement)],
    [t('alliance.overview.agreement'), yes(s.coveredByAgreement)],
    [t('alliance.overview.coaching'), yes(s.coachingRunning)],
    [t('alliance.overview.analysis'), yes(s.analysisUnderWay)],
    [t('alliance.overview.analysesCompleted'), formatNumber(s.analysesCompleted)],
    [t('alliance.overview.inCollaboration'), yes(s.inCollaboration)],
    [t('alliance.overview.withdrawn'), s.withdrawn ? t(`alliance.event.kinds.${s.withdrawn}`) : t('common.no')],
  ];
  return (
    <Paper withBorder p="md" radius="md">
      <Group gap="sm" mb="xs">
        <Text fw={600}>{t('alliance.overview.statusAt', { date: formatDate(detail.at, currentLanguage()) })}</Text>
        <AllianceStatusBadge status={s.status} />
      </Group>
      <Text mb="md" data-testid="rank">
        {s.rank !== null
          ? t('alliance.overview.rank', {
              phrase: rankPhrase(s.rank, detail.municipality.districtName),
              date: formatDate(s.firstAgreementSignedOn, currentLanguage()),
            })
          : t('alliance.overview.noRank')}
      </Text>
      <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="xs" m={0}>
        {facts.map(([k, v]) => (
          <div key={k}>
            <Text component="dt" size="sm" c="dimmed">
              {k}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {v}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
