import { Button, Paper, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordSchema } from '../../../../shared/auth.schema.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { useNotify } from '../../../app/notice.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PasswordField } from '../../../ui/password-field.tsx';
import { useChangePassword } from '../api.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const EMPTY = { currentPassword: '', newPassword: '', repeatPassword: '' };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const notify = useNotify();
  const change = useChangePassword();
  const [values, setValues] = useState(EMPTY);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const forced = user.mustChangePassword;

  const fields = {
    currentPassword: { id: 'pw-current', label: forced ? t('auth.change.oneTimePassword') : t('auth.change.current') },
    newPassword: { id: 'pw-new', label: t('auth.change.new') },
    repeatPassword: { id: 'pw-repeat', label: t('auth.change.repeat') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = changePasswordSchema.safeParse(values);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!errors.repeatPassword && values.repeatPassword !== values.newPassword) errors.repeatPassword = t('auth.change.mismatch');
    if (!parsed.success || Object.keys(errors).length > 0) {
      setReport(inputReport(errors));
      return;
    }
    setReport(null);
    try {
      await change.mutateAsync(parsed.data);
      notify('passwordChanged', '/');
    } catch (err) {
      setReport(describeError(err));
    }
  }

  const set = (name: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [name]: e.currentTarget.value });

  return (
    <Stack maw={480} mx="auto">
      <PageHeader title={t('auth.change.title')} />
      {forced ? <Callout tone="info">{t('auth.change.forcedHint', { min: LIMITS.passwordMin })}</Callout> : null}
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <ErrorSummary report={report} fields={fields} />
        <form onSubmit={submit} noValidate>
          <Stack>
            <PasswordField
              id={fields.currentPassword.id}
              label={fields.currentPassword.label}
              autoComplete="current-password"
              required
              value={values.currentPassword}
              onChange={set('currentPassword')}
              error={report?.fields.currentPassword}
            />
            <PasswordField
              id={fields.newPassword.id}
              label={fields.newPassword.label}
              autoComplete="new-password"
              required
              description={t('auth.change.rule', { min: LIMITS.passwordMin })}
              value={values.newPassword}
              onChange={set('newPassword')}
              error={report?.fields.newPassword}
            />
            <PasswordField
              id={fields.repeatPassword.id}
              label={fields.repeatPassword.label}
              autoComplete="new-password"
              required
              value={values.repeatPassword}
              onChange={set('repeatPassword')}
              error={report?.fields.repeatPassword}
            />
            <Button type="submit" loading={change.isPending}>
              {t('auth.change.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
