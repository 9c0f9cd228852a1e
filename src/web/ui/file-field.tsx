import { Input } from '@mantine/core';

/**
 * A native file input with label, hint and error wired up like Mantine's inputs: the browser's
 * own control is keyboard and screen reader friendly, and tests can set files on it directly.
 * Changing `resetKey` empties it.
 */
export function FileField(props: {
  id: string;
  label: string;
  description?: string;
  accept?: string;
  error?: string;
  required?: boolean;
  resetKey?: number;
  onChange(file: File | null): void;
}) {
  const hintId = props.description ? `${props.id}-description` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <Input.Wrapper id={props.id} label={props.label} description={props.description} error={props.error} required={props.required}>
      <input
        key={props.resetKey}
        id={props.id}
        type="file"
        accept={props.accept}
        required={props.required}
        className="file-input"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </Input.Wrapper>
  );
}
