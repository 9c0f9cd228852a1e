import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import type { MunicipalImportReport } from '../../../../shared/crime-stats.schema.ts';
import { municipalityLabel, useMunicipalities } from '../../territory/index.ts';
import { useCrimeStatsT } from '../i18n.ts';

type Unmatched = MunicipalImportReport['unmatched'][number];

// Few enough options that the list never needs its own scrolling.
const SEARCH_OPTIONS = 8;

/** The id of the chooser of the n-th unmatched name (the error summary links to it). */
export const unmatchedFieldId = (index: number) => `unmatched-${index}`;

/** A searchable choice of the municipality for one name: the server's suggestions first, then a search by name or AGS. */
function MunicipalityChooser({
  item,
  index,
  value,
  error,
  onChange,
}: {
  item: Unmatched;
  index: number;
  value: string | null;
  error?: string;
  onChange(ags: string | null): void;
}) {
  const t = useCrimeStatsT();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useMunicipalities(
    { q: debounced || undefined, pageSize: SEARCH_OPTIONS, sort: 'name' },
    { enabled: debounced.length > 1 },
  );
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(item.suggestions.map((s) => [s.ags, municipalityLabel(s)])),
  );
  useEffect(() => {
    const found = results.data?.items;
    if (found?.length) setLabels((l) => ({ ...l, ...Object.fromEntries(found.map((m) => [m.ags, municipalityLabel(m)])) }));
  }, [results.data]);
  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value) options.set(value, labels[value] ?? value);
    const searching = debounced.length > 1 && results.data;
    for (const m of searching ? results.data!.items : item.suggestions) options.set(m.ags, municipalityLabel(m));
    return [...options].map(([v, label]) => ({ value: v, label }));
  }, [value, labels, debounced, results.data, item.suggestions]);
  return (
    <Select
      id={unmatchedFieldId(index)}
      label={t('municipalImport.assignLabel', { name: item.name, line: item.line })}
      description={item.suggestions.length ? t('municipalImport.assignHintSuggestions') : t('municipalImport.assignHint')}
      placeholder={t('municipalImport.assignPlaceholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('municipalImport.searching') : t('municipalImport.nothingFound')}
      error={error}
      required
      maxDropdownHeight={340}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': t('municipalImport.assignClear', { name: item.name }) }}
      w={{ base: '100%', sm: 480 }}
    />
  );
}

/**
 * The names of the file that match no municipality: each gets a municipality chosen by hand. The
 * choice is kept with the column mapping, so the same name is recognised in later files.
 */
export function UnmatchedNames({
  items,
  values,
  errors,
  onChange,
}: {
  items: readonly Unmatched[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange(name: string, ags: string | null): void;
}) {
  const t = useCrimeStatsT();
  if (!items.length) return null;
  return (
    <section aria-labelledby="unmatched-heading">
      <Text fw={700} id="unmatched-heading" mb={4}>
        {t('municipalImport.unmatchedTitle', { count: items.length })}
      </Text>
      <Text size="sm" mb="sm">
        {t('municipalImport.unmatchedText')}
      </Text>
      <Stack gap="sm">
        {items.map((item, i) => (
          <MunicipalityChooser
            key={item.name}
            item={item}
            index={i}
            value={values[item.name] ?? null}
            error={errors[`assign.${i}`]}
            onChange={(ags) => onChange(item.name, ags)}
          />
        ))}
      </Stack>
    </section>
  );
}
