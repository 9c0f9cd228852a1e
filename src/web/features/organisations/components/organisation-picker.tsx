import { ORGANISATION_TYPE_LABELS } from '../../../../shared/organisations.schema.ts';
import { PICKER_OPTIONS, type PickerSearch, SearchPicker } from '../../../ui/search-picker.tsx';
import { useLabel } from '../../../ui/use-label.ts';
import { useOrganisationSearch } from '../api.ts';

// Matches fetched before keeping those of the allowed municipalities (the list route filters by one
// municipality at most); more are reached by typing more of the name.
const SEARCH_PAGE = 50;

/**
 * One organisation of the user's scope, searched by name and shown with its type, e.g. "Ordnungsamt
 * Marienberg (Verwaltung)". `communes` names the municipalities whose organisations are offered
 * (`null` for the statewide ones). The value is the organisation's id; empty means none.
 */
export function OrganisationPicker(props: {
  id: string;
  label: string;
  description?: string;
  communes: readonly (string | null)[];
  value: number | null;
  /** The name of the current organisation, shown until the user chooses another. */
  valueLabel?: string | null;
  onChange(id: number | null): void;
  error?: string;
  required?: boolean;
}) {
  const label = useLabel();
  const allowed = new Set(props.communes);
  const only = props.communes.length === 1 && props.communes[0] !== null ? props.communes[0] : undefined;
  const useSearch: PickerSearch = (search) => {
    const results = useOrganisationSearch({ q: search || undefined, ags: only, pageSize: SEARCH_PAGE });
    return {
      options: (results.data?.items ?? [])
        .filter((o) => allowed.has(o.ags))
        .slice(0, PICKER_OPTIONS)
        .map((o) => ({ value: String(o.id), label: `${o.name} (${label(ORGANISATION_TYPE_LABELS[o.type])})` })),
      isFetching: results.isFetching,
    };
  };
  return (
    <SearchPicker
      id={props.id}
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      valueLabel={props.valueLabel ?? undefined}
      onChange={(id) => props.onChange(id === null ? null : Number(id))}
      useSearch={useSearch}
      error={props.error}
      required={props.required}
    />
  );
}
