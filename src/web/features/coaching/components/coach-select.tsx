import { NativeSelect } from '@mantine/core';
import type { Coach } from '../../../../shared/coaching.schema.ts';

/**
 * The choice of a coach, labelled with the region: active coaches, and `keepId` (the current one)
 * even when inactive; with `placeholder`, an empty first option.
 */
export function CoachSelect(props: {
  id: string;
  label: string;
  required?: boolean;
  coaches: Coach[];
  keepId?: number;
  placeholder?: string;
  value: string;
  error?: string;
  onChange(coachId: string): void;
}) {
  const options = props.coaches
    .filter((c) => c.active || c.id === props.keepId)
    .map((c) => ({ value: String(c.id), label: c.region ? `${c.name} (${c.region})` : c.name }));
  return (
    <NativeSelect
      id={props.id}
      label={props.label}
      required={props.required}
      value={props.value}
      error={props.error}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data={props.placeholder === undefined ? options : [{ value: '', label: props.placeholder }, ...options]}
    />
  );
}
