import { Button } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { auditCsvUrl, useAuditEntries } from '../api.ts';
import { AuditFilters, type AuditFilterForm, EMPTY_AUDIT_FILTER, parseAuditFilter } from '../components/audit-filters.tsx';
import { AuditTable } from '../components/audit-table.tsx';

const PAGE_SIZE = 50;
const DEFAULTS = { page: '1', ...EMPTY_AUDIT_FILTER };

export function AuditPage() {
  const { t } = useTranslation();
  const [params, update] = useListParams(DEFAULTS);
  // The filter form's values come from the URL; a stable object, so typing in the form is not reset.
  const form = useMemo<AuditFilterForm>(() => {
    const { page: _page, ...rest } = params;
    return rest;
  }, [params]);
  const parsed = parseAuditFilter(form);
  const filter = 'filter' in parsed ? parsed.filter : {};
  const page = Math.max(1, Number(params.page) || 1);
  const query = useAuditEntries(filter, page, PAGE_SIZE);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <Button component="a" href={auditCsvUrl(filter)} download="audit.csv" variant="default">
            {t('audit.exportCsv')}
          </Button>
        }
      />
      <AuditFilters value={form} onApply={(f: AuditFilterForm) => update(f)} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="neutral">{t('audit.empty')}</Callout>
      ) : (
        <>
          <AuditTable items={query.data.items} />
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
