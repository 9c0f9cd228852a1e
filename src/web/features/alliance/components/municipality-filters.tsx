import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectorates, useDistricts } from '../../territory/index.ts';
import { STATUS_ORDER, statusLabel } from '../status-style.ts';

export interface MunicipalityFilterValues {
  q: string;
  district: string;
  directorateId: string;
  status: string;
  scope: string;
}

/**
 * Filters of the municipality list; each applies at once (the search after a short pause).
 * Coordinators and police first see their own municipalities; `scope` widens the list to all.
 */
export function MunicipalityFilters(props: {
  values: MunicipalityFilterValues;
  onChange(patch: Partial<MunicipalityFilterValues>): void;
  scoped: boolean;
  hideDirectorate: boolean;
}) {
  const { values, onChange, scoped } = props;
  const { t } = useTranslation();
  const districts = useDistricts();
  const directorates = useDirectorates();
  const [search, setSearch] = useState(values.q);
  const pushSearch = useDebouncedCallback((q: string) => onChange({ q: q.trim() }), 300);
  useEffect(() => setSearch(values.q), [values.q]);
  const all = { value: '', label: t('alliance.filters.all') };

  return (
    <Group align="flex-start" mb="md" gap="md" role="search" aria-label={t('alliance.filters.label')}>
      {scoped ? (
        <NativeSelect
          id="filter-scope"
          label={t('alliance.filters.scope')}
          value={values.scope === 'all' ? 'all' : 'own'}
          data={[
            { value: 'own', label: t('alliance.filters.scopeOwn') },
            { value: 'all', label: t('alliance.filters.scopeAll') },
          ]}
          onChange={(e) => onChange({ scope: e.currentTarget.value === 'all' ? 'all' : '' })}
        />
      ) : null}
      <TextInput
        id="filter-search"
        type="search"
        label={t('alliance.filters.search')}
        description={t('alliance.filters.searchHint')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        w={{ base: '100%', sm: 260 }}
      />
      <NativeSelect
        id="filter-district"
        label={t('alliance.columns.district')}
        value={values.district}
        data={[all, ...(districts.data?.items ?? []).map((d) => ({ value: d.ags, label: d.name }))]}
        onChange={(e) => onChange({ district: e.currentTarget.value })}
      />
      {!props.hideDirectorate ? (
        <NativeSelect
          id="filter-directorate"
          label={t('alliance.columns.directorate')}
          value={values.directorateId}
          data={[all, ...(directorates.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          onChange={(e) => onChange({ directorateId: e.currentTarget.value })}
        />
      ) : null}
      <NativeSelect
        id="filter-status"
        label={t('alliance.columns.status')}
        value={values.status}
        data={[all, ...STATUS_ORDER.map((s) => ({ value: s, label: statusLabel(s) }))]}
        onChange={(e) => onChange({ status: e.currentTarget.value })}
      />
    </Group>
  );
}
