import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDirectorates } from '../../territory/index.ts';

/** The police directorates as a native select; value '' means none chosen. */
export function DirectorateSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange(id: string): void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const query = useDirectorates();
  const data = [
    { value: '', label: query.isPending ? t('common.loading') : t('users.fields.chooseDirectorate') },
    ...(query.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
  ];
  return (
    <NativeSelect
      id={props.id}
      label={props.label}
      data={data}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? (query.isError ? t('users.fields.directoratesFailed') : undefined)}
      required={props.required}
    />
  );
}
