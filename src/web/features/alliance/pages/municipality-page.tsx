import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MunicipalityDetail } from '../../../../shared/alliance.schema.ts';
import { DIRECTORY_ATTRIBUTION } from '../../../../shared/attribution.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { allows } from '../../../../shared/policies.ts';
import { SECTIONS } from '../../../app/navigation.ts';
import { formatNumber } from '../../../lib/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { MunicipalityCrimeLink } from '../../crime-stats/index.ts';
import { EffectsSection } from '../../effects/index.ts';
import { AttributionNote } from '../../territory/index.ts';
import { useMunicipalityDetail } from '../api.ts';
import { AgreementCard } from '../components/agreement-card.tsx';
import { EventTimeline } from '../components/event-timeline.tsx';
import { MunicipalityOverview } from '../components/municipality-overview.tsx';
import { RecordEventForm } from '../components/record-event-form.tsx';

function Record({ detail, canRecord, effects }: { detail: MunicipalityDetail; canRecord: boolean; effects: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <MunicipalityOverview detail={detail} />
      {canRecord ? (
        <section aria-labelledby="record-heading">
          <Title order={2} fz="xl" mb="sm" id="record-heading">
            {t('alliance.record.title')}
          </Title>
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <RecordEventForm detail={detail} />
          </Paper>
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <Title order={2} fz="xl" mb="sm" id="timeline-heading">
          {t('alliance.timeline.title')}
        </Title>
        <EventTimeline events={detail.events} agreements={detail.agreements} canRecord={canRecord} />
      </section>
      <section aria-labelledby="agreements-heading">
        <Title order={2} fz="xl" mb="sm" id="agreements-heading">
          {t('alliance.agreements.title')}
        </Title>
        {detail.agreements.length ? (
          <Stack>
            {detail.agreements.map((a) => (
              <AgreementCard key={a.id} agreement={a} canRecord={canRecord} />
            ))}
          </Stack>
        ) : (
          <Text>{t('alliance.agreements.none')}</Text>
        )}
      </section>
      {effects ? <EffectsSection source={{ ags: detail.municipality.ags }} /> : null}
      <AttributionNote notes={DIRECTORY_ATTRIBUTION} />
    </Stack>
  );
}

/** A municipality's alliance record: status, rank, timeline, agreements; forms for those who record. */
export function MunicipalityPage() {
  const { t } = useTranslation();
  const ags = useParams().ags ?? '';
  const user = useCurrentUser();
  const query = useMunicipalityDetail(ags);
  const m = query.data?.municipality;
  const intro = m
    ? t('alliance.detail.intro', {
        ags: m.ags,
        district: m.districtName,
        directorate: m.directorateName ?? '–',
        population: m.population === null ? '–' : formatNumber(m.population),
      })
    : undefined;
  const back = (
    <>
      <MunicipalityCrimeLink ags={ags} />
      <Anchor component={Link} to={SECTIONS.municipalities.path}>
        {t('alliance.detail.backToList')}
      </Anchor>
    </>
  );
  return (
    <>
      <PageHeader title={m ? m.name : t('alliance.detail.titleLoading')} intro={intro} actions={back} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Record detail={query.data} canRecord={allows('alliance.record', user.role)} effects={allows('effects.read', user.role)} />
      )}
    </>
  );
}
