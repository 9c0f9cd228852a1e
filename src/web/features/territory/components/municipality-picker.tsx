import { PICKER_OPTIONS, type PickerSearch, SearchPicker } from '../../../ui/search-picker.tsx';
import { municipalityLabel, useMunicipalities } from '../api.ts';

/** Municipalities whose name (or AGS) matches, as picker options valued by AGS. */
const useMunicipalitySearch: PickerSearch = (search) => {
  const results = useMunicipalities({ q: search || undefined, pageSize: PICKER_OPTIONS, sort: 'name' });
  return {
    options: (results.data?.items ?? []).map((m) => ({ value: m.ags, label: municipalityLabel(m) })),
    isFetching: results.isFetching,
  };
};

/** One municipality, searched by name; the value is its AGS. */
export function MunicipalityPicker(props: {
  id: string;
  label: string;
  description?: string;
  value: string | null;
  onChange(ags: string | null): void;
  error?: string;
  required?: boolean;
}) {
  return (
    <SearchPicker
      id={props.id}
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(ags) => props.onChange(ags)}
      useSearch={useMunicipalitySearch}
      error={props.error}
      required={props.required}
    />
  );
}
