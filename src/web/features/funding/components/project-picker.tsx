import { PICKER_OPTIONS, type PickerSearch, SearchPicker } from '../../../ui/search-picker.tsx';
import { useProjects } from '../api.ts';

/** Projects of the user's scope whose title matches, as options "title (municipality)" valued by id. */
const useProjectSearch: PickerSearch = (search) => {
  const results = useProjects({ q: search || undefined, pageSize: PICKER_OPTIONS });
  return {
    options: (results.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.title} (${p.municipalityName})` })),
    isFetching: results.isFetching,
  };
};

/** One project, searched by title; the value is its id. */
export function ProjectPicker(props: {
  id: string;
  label: string;
  description?: string;
  value: number | null;
  onChange(id: number | null): void;
  error?: string;
  required?: boolean;
}) {
  return (
    <SearchPicker
      id={props.id}
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      onChange={(id) => props.onChange(id === null ? null : Number(id))}
      useSearch={useProjectSearch}
      error={props.error}
      required={props.required}
    />
  );
}
