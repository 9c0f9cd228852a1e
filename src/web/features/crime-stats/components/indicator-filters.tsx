import { Group, NativeSelect } from '@mantine/core';
import { useMemo } from 'react';
import type { Catalogue } from '../api.ts';
import { useCrimeStatsT } from '../i18n.ts';

/** The offence choices: the summary keys first (all offences, violent crime, street crime …), then every other key. */
export function useOffenceOptions(catalogue: Catalogue | undefined) {
  const t = useCrimeStatsT();
  return useMemo(() => {
    if (!catalogue) return [];
    const byKey = new Map(catalogue.offences.map((o) => [o.key, o]));
    const summary = catalogue.summaryKeys.filter((k) => byKey.has(k));
    const rest = catalogue.offences.filter((o) => !summary.includes(o.key)).sort((a, b) => a.key.localeCompare(b.key));
    const option = (key: string) => ({ value: key, label: t('filters.option', { name: byKey.get(key)?.name ?? key, key }) });
    return [
      { group: t('filters.summaryGroup'), items: summary.map(option) },
      ...(rest.length ? [{ group: t('filters.otherGroup'), items: rest.map((o) => option(o.key)) }] : []),
    ];
  }, [catalogue, t]);
}

/** Year and offence group of the figures shown; both are kept in the address. */
export function IndicatorFilters(props: {
  years?: readonly number[];
  year?: number;
  offence: string;
  catalogue: Catalogue | undefined;
  onChange(next: { year?: number; offence: string }): void;
}) {
  const t = useCrimeStatsT();
  const offences = useOffenceOptions(props.catalogue);
  return (
    <Group
      component="form"
      role="search"
      aria-label={t('filters.label')}
      align="flex-end"
      gap="md"
      mb="md"
      onSubmit={(e) => e.preventDefault()}
    >
      {props.years ? (
        <NativeSelect
          id="crime-year"
          label={t('filters.year')}
          w={{ base: '100%', xs: 160 }}
          value={props.year ? String(props.year) : ''}
          data={props.years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(e) => props.onChange({ year: Number(e.currentTarget.value), offence: props.offence })}
        />
      ) : null}
      <NativeSelect
        id="crime-offence"
        label={t('filters.offence')}
        w={{ base: '100%', sm: 520 }}
        value={props.offence}
        data={offences}
        onChange={(e) => props.onChange({ year: props.year, offence: e.currentTarget.value })}
      />
    </Group>
  );
}
