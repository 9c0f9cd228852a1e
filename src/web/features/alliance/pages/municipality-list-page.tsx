import { Anchor, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MUNICIPALITY_STATUSES, type MunicipalityStatus } from '../../../../shared/alliance.schema.ts';
import { DIRECTORY_ATTRIBUTION } from '../../../../shared/attribution.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { SECTIONS } from '../../../app/navigation.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { AttributionNote } from '../../territory/index.ts';
import { type StatusFilterParams, type StatusSort, useStatusList } from '../api.ts';
import { ExportLinks } from '../components/export-links.tsx';
import { MunicipalityFilters } from '../components/municipality-filters.tsx';
import { MunicipalityStatusTable } from '../components/municipality-status-table.tsx';
import { formatDate, isIsoDate, todayBerlin } from '../../../../shared/time.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { isMunicipalityFigure } from '../drill-down.ts';
import { figureLabel } from '../status-style.ts';

const PAGE_SIZE = 25;
const DEFAULTS = {
  page: '1',
  q: '',
  district: '',
  directorateId: '',
  status: '',
  scope: '',
  sort: 'name',
  order: 'asc',
  figure: '',
  at: '',
};
const SORTS: readonly StatusSort[] = ['name', 'ags', 'district', 'status', 'rank', 'firstAgreementSignedOn'];

/** Every municipality with its status today: filter, sort, page, export; the record opens where the user may see it. */
export function MunicipalityListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, update] = useListParams(DEFAULTS);
  const scoped = user.role === 'coordinator' || user.role === 'police';
  const own = scoped && params.scope !== 'all';
  const sort = (SORTS as readonly string[]).includes(params.sort) ? (params.sort as StatusSort) : 'name';
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.page) || 1);
  const status = (MUNICIPALITY_STATUSES as readonly string[]).includes(params.status) ? (params.status as MunicipalityStatus) : undefined;
  const ownDirectorate = own && user.role === 'police' ? (user.directorateId ?? undefined) : undefined;
  const directorateId = ownDirectorate ?? (Number(params.directorateId) || undefined);
  // A figure's drill-down (?figure=&at=): exactly the municipalities the figure counts at that date.
  const figure = isMunicipalityFigure(params.figure) ? params.figure : undefined;
  const today = todayBerlin();
  const at = isIsoDate(params.at) && params.at <= today ? params.at : today;
  const filter: StatusFilterParams = {
    q: params.q || undefined,
    district: params.district || undefined,
    directorateId,
    status,
    figure,
    detailOnly: own && user.role === 'coordinator',
    sort,
    order,
  };
  const query = useStatusList({ page, pageSize: PAGE_SIZE, at, ...filter });
  const filtered = Boolean(params.q || params.district || params.directorateId || params.status || figure);
  // The intro names the date viewed: today, or the date of the address (?at=).
  const dated = at === today ? {} : { context: 'at', date: formatDate(at, currentLanguage()) };
  const intro = !own
    ? t('alliance.list.introAll', dated)
    : user.role === 'coordinator'
      ? t('alliance.list.introCoordinator', dated)
      : t('alliance.list.introPolice', dated);

  return (
    <>
      <PageHeader
        title={t('alliance.list.title')}
        intro={intro}
        actions={<ExportLinks table="municipalities" at={at} what={t('alliance.list.exportWhat')} filter={filter} />}
      />
      {figure ? (
        <Callout
          tone="info"
          title={t('alliance.drillDown.municipalitiesTitle', { figure: figureLabel(figure), date: formatDate(at, currentLanguage()) })}
        >
          <Text size="sm">
            {query.data ? t('alliance.drillDown.municipalitiesCount', { count: query.data.total }) : null}{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => update({ figure: '', at: '' })}>
              {t('alliance.drillDown.clear')}
            </Anchor>
          </Text>
        </Callout>
      ) : null}
      <MunicipalityFilters
        values={params}
        onChange={(patch) => update(patch)}
        scoped={scoped}
        hideDirectorate={ownDirectorate !== undefined}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        filtered ? (
          <Callout tone="neutral" title={t('alliance.list.noMatch')}>
            <Button
              variant="default"
              size="xs"
              mt={4}
              onClick={() => update({ q: '', district: '', directorateId: '', status: '', figure: '', at: '' })}
            >
              {t('alliance.filters.reset')}
            </Button>
          </Callout>
        ) : (
          <Callout tone="info" title={t('alliance.list.emptyTitle')}>
            {user.role === 'admin' ? (
              <Text size="sm">
                {t('alliance.list.emptyAdmin')}{' '}
                <Anchor component={Link} to={SECTIONS.imports.path}>
                  {t('nav.imports')}
                </Anchor>
              </Text>
            ) : (
              t('alliance.list.emptyOther')
            )}
          </Callout>
        )
      ) : (
        <>
          <MunicipalityStatusTable items={query.data.items} sort={sort} order={order} onSort={(s, o) => update({ sort: s, order: o })} />
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(p) => update({ page: String(p) })} />
          <AttributionNote notes={DIRECTORY_ATTRIBUTION} />
        </>
      )}
    </>
  );
}
