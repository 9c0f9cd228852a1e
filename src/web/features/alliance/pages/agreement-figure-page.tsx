import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, isIsoDate, todayBerlin } from '../../../../shared/time.ts';
import { PATHS } from '../../../app/navigation.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { Callout } from '../../../ui/callout.tsx';
import { DownloadLinks } from '../../../ui/download-links.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { agreementExportUrl, useAgreementFigureRows } from '../api.ts';
import { isAgreementFigure } from '../drill-down.ts';
import { figureLabel } from '../status-style.ts';

const DEFAULTS = { figure: 'agreementsInForce', at: '', district: '', directorateId: '', withoutDocument: '' };

/**
 * The drill-down of an agreement figure (?figure=&at=&district=|directorateId=): exactly the
 * agreements it counts at that date, with their parties in the area. A joint agreement is one row.
 * With ?withoutDocument=true only those without their signed document (the work queue's link).
 */
export function AgreementFigurePage() {
  const { t } = useTranslation();
  const [params] = useListParams(DEFAULTS);
  const figure = isAgreementFigure(params.figure) ? params.figure : 'agreementsInForce';
  const today = todayBerlin();
  const at = isIsoDate(params.at) && params.at <= today ? params.at : today;
  const area = { district: params.district || undefined, directorateId: Number(params.directorateId) || undefined };
  const withoutDocument = params.withoutDocument === 'true';
  const listQuery = { figure, at, ...area, ...(withoutDocument ? { withoutDocument: 'true' as const } : {}) };
  const query = useAgreementFigureRows(listQuery);
  const lang = currentLanguage();
  const title = t(withoutDocument ? 'alliance.drillDown.agreementsWithoutDocumentTitle' : 'alliance.drillDown.agreementsTitle', {
    figure: figureLabel(figure),
    date: formatDate(at, lang),
  });
  return (
    <>
      <PageHeader title={title} intro={t('alliance.drillDown.agreementsIntro')} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="neutral" title={t('alliance.drillDown.agreementsNone')} />
      ) : (
        <>
          <Group justify="space-between" align="center" mb="sm">
            <Text size="sm">{t('alliance.drillDown.agreementsCount', { count: query.data.total })}</Text>
            <DownloadLinks hrefOf={(format) => agreementExportUrl(format, listQuery)} what={title} />
          </Group>
          <TableFrame label={title} minWidth={720}>
            <Table striped className="data-table" bg="white">
              <caption className="visually-hidden">{title}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('alliance.drillDown.columns.agreement')}</Table.Th>
                  <Table.Th scope="col">{t('alliance.drillDown.columns.signedOn')}</Table.Th>
                  <Table.Th scope="col">{t('alliance.drillDown.columns.state')}</Table.Th>
                  <Table.Th scope="col">{t('alliance.drillDown.columns.parties')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row" fw={500}>
                      {a.title || t('alliance.agreements.untitled', { id: a.id })}
                      {a.reference ? (
                        <Text size="xs" c="dimmed">
                          {t('alliance.agreements.reference', { reference: a.reference })}
                        </Text>
                      ) : null}
                    </Table.Th>
                    <Table.Td>{formatDate(a.signedOn, lang)}</Table.Td>
                    <Table.Td>{a.inForce ? t('alliance.drillDown.inForce') : t('alliance.drillDown.notInForce')}</Table.Td>
                    <Table.Td>
                      {a.parties.map((p, i) => (
                        <span key={p.ags}>
                          {i > 0 ? ', ' : null}
                          <Anchor component={Link} to={PATHS.municipality(p.ags)}>
                            {p.name}
                          </Anchor>
                        </span>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </>
      )}
    </>
  );
}
