import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../../shared/time.ts';

/**
 * The reference date of the figures. A complete, valid date up to today applies at once; anything
 * else is shown as an error at the field and leaves the figures as they were.
 */
export function ReferenceDateField({ value, max, onChange }: { value: string; max: string; onChange(date: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(value), [value]);

  function change(next: string) {
    setText(next);
    if (!isIsoDate(next)) {
      setError(t('alliance.date.invalid'));
    } else if (next > max) {
      setError(t('alliance.date.future'));
    } else {
      setError(null);
      onChange(next);
    }
  }

  return (
    <TextInput
      id="reference-date"
      type="date"
      label={t('alliance.date.label')}
      description={t('alliance.date.hint')}
      value={text}
      max={max}
      min="1990-01-01"
      onChange={(e) => change(e.currentTarget.value)}
      error={error}
      w={{ base: '100%', xs: 260 }}
    />
  );
}
