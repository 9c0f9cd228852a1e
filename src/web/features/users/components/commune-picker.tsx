import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../../shared/territory.schema.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { municipalityLabel, type Page, useMunicipalities } from '../../territory/index.ts';
import { RemovablePill } from '../../../ui/removable-pill.tsx';

/** Names of already chosen communes (an AGS query matches exactly one municipality). */
function useChosenLabels(ags: string[]): Record<string, string> {
  const results = useQueries({
    queries: ags.map((a) => ({
      queryKey: ['municipalities', { q: a, pageSize: 1 }],
      queryFn: () => apiRequest<Page<Municipality>>('/api/municipalities', { query: { q: a, pageSize: 1 } }),
      staleTime: 5 * 60_000,
    })),
  });
  const labels: Record<string, string> = {};
  results.forEach((r, i) => {
    const m = r.data?.items[0];
    if (m && m.ags === ags[i]) labels[m.ags] = municipalityLabel(m);
  });
  return labels;
}

// Few enough options that the dropdown never scrolls: a scrolling listbox has no tab stop of its own
// (axe: scrollable-region-focusable); more matches are reached by typing more.
const PICKER_OPTIONS = 8;

/** Searchable multi-select of communes by name or AGS; the server does the searching. */
export function CommunePicker(props: {
  id: string;
  label: string;
  value: string[];
  onChange(ags: string[]): void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useMunicipalities({ q: debounced || undefined, pageSize: PICKER_OPTIONS, sort: 'name' });
  const chosen = useChosenLabels(props.value);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const ags of props.value) options.set(ags, chosen[ags] ?? ags);
    for (const m of results.data?.items ?? []) options.set(m.ags, municipalityLabel(m));
    return [...options].map(([value, label]) => ({ value, label }));
  }, [props.value, chosen, results.data]);

  return (
    <MultiSelect
      id={props.id}
      label={props.label}
      description={t('users.fields.communesHint')}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('users.fields.noCommune')}
      required={props.required}
      error={props.error}
      maxDropdownHeight={340}
      comboboxProps={{ withinPortal: true }}
      renderPill={({ option, value, onRemove }) => {
        const label = option?.label ?? value;
        return <RemovablePill label={label} removeLabel={t('users.fields.removeCommune', { name: label })} onRemove={onRemove} />;
      }}
    />
  );
}
