import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../shared/time.ts';
import { PICKER_OPTIONS, type PickerSearch, SearchPicker } from '../../../ui/search-picker.tsx';
import { useSurveys } from '../api.ts';

/**
 * A survey of the user's scope, searched by title; with `ags`, only the surveys that include that
 * municipality are offered. The value is the survey's id.
 */
export function SurveyPicker(props: {
  id: string;
  label: string;
  description?: string;
  ags?: string | null;
  value: number | null;
  onChange(id: number | null): void;
  error?: string;
  required?: boolean;
}) {
  const { i18n } = useTranslation();
  const useSurveySearch: PickerSearch = (search) => {
    const results = useSurveys({ q: search || undefined });
    const items = (results.data?.items ?? []).filter((s) => !props.ags || s.municipalities.some((m) => m.ags === props.ags));
    return {
      options: items.slice(0, PICKER_OPTIONS).map((s) => ({
        value: String(s.id),
        label: `${s.title} (${formatDate(s.fieldStart, i18n.language)}–${formatDate(s.fieldEnd, i18n.language)})`,
      })),
      isFetching: results.isFetching,
    };
  };
  return (
    <SearchPicker
      id={props.id}
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      onChange={(id) => props.onChange(id === null ? null : Number(id))}
      useSearch={useSurveySearch}
      error={props.error}
      required={props.required}
    />
  );
}
