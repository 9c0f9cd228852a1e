import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { municipalityLabel, useMunicipalities } from '../../territory/index.ts';
import { RemovablePill } from '../../../ui/removable-pill.tsx';

// Few enough options that the dropdown never scrolls (a scrolling listbox has no tab stop of its own).
const PICKER_OPTIONS = 8;

/** Further municipalities of a joint agreement: a searchable multi-select (the server searches by name or AGS). */
export function PartnerPicker(props: { id: string; exclude: string; value: string[]; onChange(ags: string[]): void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useMunicipalities(
    { q: debounced || undefined, pageSize: PICKER_OPTIONS, sort: 'name' },
    { enabled: debounced.length > 0 },
  );
  const [labels, setLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    const found = results.data?.items;
    if (found?.length) setLabels((l) => ({ ...l, ...Object.fromEntries(found.map((m) => [m.ags, municipalityLabel(m)])) }));
  }, [results.data]);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const ags of props.value) options.set(ags, labels[ags] ?? ags);
    for (const m of results.data?.items ?? []) if (m.ags !== props.exclude) options.set(m.ags, municipalityLabel(m));
    return [...options].map(([value, label]) => ({ value, label }));
  }, [props.value, props.exclude, labels, results.data]);

  return (
    <MultiSelect
      id={props.id}
      label={t('alliance.agreement.partners')}
      description={t('alliance.agreement.partnersHint')}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced ? (results.isFetching ? t('common.loading') : t('alliance.agreement.noPartner')) : t('alliance.agreement.typeToSearch')
      }
      error={props.error}
      maxDropdownHeight={340}
      comboboxProps={{ withinPortal: true }}
      renderPill={({ option, value, onRemove }) => {
        const label = option?.label ?? value;
        return <RemovablePill label={label} removeLabel={t('alliance.agreement.removePartner', { name: label })} onRemove={onRemove} />;
      }}
    />
  );
}
