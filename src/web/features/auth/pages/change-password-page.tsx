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
import { PageHeader } from '../../../ui/page-header.tsx';
import { PasswordField } from '../../../ui/password-field.tsx';
import { useChangePassword } from '../api.ts';
import { NewPasswordFields, parseNewPasswordOrReport } from '../../../ui/new-password-fields.tsx';

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
    const parsed = parseNewPasswordOrReport(changePasswordSchema, values, values, setReport);
    if (!parsed) return;
    setReport(null);
    try {
      await change.mutateAsync(parsed);
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
            <NewPasswordFields
              ids={{ newPassword: fields.newPassword.id, repeatPassword: fields.repeatPassword.id }}
              value={values}
              onChange={(typed) => setValues({ ...values, ...typed })}
              errors={{ newPassword: report?.fields.newPassword, repeatPassword: report?.fields.repeatPassword }}
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
