import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
}

/** The options for a search text, as a data hook returns them (the server does the searching). */
export type PickerSearch = (search: string) => { options: PickerOption[]; isFetching: boolean };

// Few enough options that the dropdown never scrolls: a scrolling listbox has no tab stop of its own
// (axe: scrollable-region-focusable); more matches are reached by typing more.
export const PICKER_OPTIONS = 8;

/**
 * A single choice searched by name: an ARIA combobox (Mantine Select) that asks the server for the
 * matches of what is typed, and keeps the chosen option's label while other searches run. Keyboard:
 * type to search, arrows to move, Enter to choose, Escape to close.
 */
export function SearchPicker(props: {
  id: string;
  label: string;
  description?: string;
  value: string | null;
  /** The label of a value set from outside (e.g. from the address), until the user chooses. */
  valueLabel?: string;
  onChange(value: string | null, option: PickerOption | null): void;
  useSearch: PickerSearch;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const current = useMemo(
    () =>
      chosen && chosen.value === props.value
        ? chosen
        : props.value !== null && props.valueLabel
          ? { value: props.value, label: props.valueLabel }
          : null,
    [chosen, props.value, props.valueLabel],
  );
  // Once an option is chosen the input shows its label: that is no search text.
  const [debounced] = useDebouncedValue(current && search === current.label ? '' : search.trim(), 250);
  const results = props.useSearch(debounced);
  // A form that resets its value (after saving) empties the input too.
  useEffect(() => {
    if (props.value !== null) return;
    setChosen(null);
    setSearch('');
  }, [props.value]);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (current) options.set(current.value, current.label);
    // The current option keeps its label while the user types: the select puts a changed label of
    // the chosen option into the input, which would replace the search text as the results arrive.
    for (const o of results.options) if (o.value !== current?.value) options.set(o.value, o.label);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [current, results.options]);

  return (
    <Select
      id={props.id}
      label={props.label}
      description={props.description ?? t('picker.hint')}
      data={data}
      value={props.value}
      onChange={(value, option) => {
        const picked = value === null || !option ? null : { value, label: option.label };
        setChosen(picked);
        props.onChange(value, picked);
      }}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('picker.clear', { field: props.label }) }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('picker.nothingFound')}
      required={props.required}
      disabled={props.disabled}
      error={props.error}
      maxDropdownHeight={340}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
