import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import type { ErrorReport } from '../lib/api-client.ts';
import { i18n } from '../lib/i18n.ts';
import { zodFieldErrors } from './form-errors.ts';
import { inputReport } from './form-support.tsx';
import { PasswordField } from './password-field.tsx';

/** A new password as typed twice. */
export interface NewPassword {
  newPassword: string;
  repeatPassword: string;
}

/**
 * Checks a password form's input with its schema and that the repeat matches the new password:
 * the parsed data, or null after reporting every field error with `setReport`.
 */
export function parseNewPasswordOrReport<S extends z.ZodType>(
  schema: S,
  input: unknown,
  typed: NewPassword,
  setReport: (report: ErrorReport) => void,
): z.output<S> | null {
  const parsed = schema.safeParse(input);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  if (!errors.repeatPassword && typed.repeatPassword !== typed.newPassword) errors.repeatPassword = i18n.t('auth.change.mismatch');
  if (!parsed.success || Object.keys(errors).length > 0) {
    setReport(inputReport(errors));
    return null;
  }
  return parsed.data;
}

/** The new password with its rule, and its repeat: the fields of a password change and of a password link. */
export function NewPasswordFields(props: {
  ids: NewPassword;
  value: NewPassword;
  onChange(value: NewPassword): void;
  errors: Partial<NewPassword>;
}) {
  const { t } = useTranslation();
  const { ids, value, onChange, errors } = props;
  return (
    <>
      <PasswordField
        id={ids.newPassword}
        label={t('auth.change.new')}
        autoComplete="new-password"
        required
        description={t('auth.change.rule', { min: LIMITS.passwordMin })}
        value={value.newPassword}
        onChange={(e) => onChange({ ...value, newPassword: e.currentTarget.value })}
        error={errors.newPassword}
      />
      <PasswordField
        id={ids.repeatPassword}
        label={t('auth.change.repeat')}
        autoComplete="new-password"
        required
        value={value.repeatPassword}
        onChange={(e) => onChange({ ...value, repeatPassword: e.currentTarget.value })}
        error={errors.repeatPassword}
      />
    </>
  );
}
