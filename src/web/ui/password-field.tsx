import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's PasswordInput with what it leaves out: aria-invalid on error (its TextInput sets it,
 * this one does not) and a translated, focusable "show password" toggle.
 */
export function PasswordField(props: PasswordInputProps & { id: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      aria-invalid={props.error ? true : undefined}
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
    />
  );
}
