import { Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { setPasswordWithLinkSchema } from '../../../../shared/mail.schema.ts';
import { PATHS } from '../../../app/navigation.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useLinkStatus, useSetPasswordWithLink } from '../api.ts';
import { NewPasswordFields, parseNewPasswordOrReport } from '../../../ui/new-password-fields.tsx';

/** The page a link of an invitation or password reset opens: it sets the account's password once. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const token = useSearchParams()[0].get('token') ?? '';
  const status = useLinkStatus(token);
  const setPassword = useSetPasswordWithLink();
  const [values, setValues] = useState({ newPassword: '', repeatPassword: '' });
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [done, setDone] = useState(false);
  const fields = {
    newPassword: { id: 'link-pw-new', label: t('auth.change.new') },
    repeatPassword: { id: 'link-pw-repeat', label: t('auth.change.repeat') },
    token: { id: 'link-pw-new', label: t('mail.setPassword.link') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseNewPasswordOrReport(setPasswordWithLinkSchema, { token, newPassword: values.newPassword }, values, setReport);
    if (!parsed) return;
    setReport(null);
    try {
      await setPassword.mutateAsync(parsed);
      setDone(true);
    } catch (err) {
      setReport(describeError(err));
    }
  }

  const invitation = status.data?.purpose === 'invitation';
  const title = invitation ? t('mail.setPassword.titleInvitation') : t('mail.setPassword.title');
  return (
    <Stack maw={480} mx="auto" mt={{ base: 'md', sm: 'xl' }}>
      <PageHeader title={title} />
      {!token ? (
        <Callout tone="warning">{t('mail.setPassword.invalid')}</Callout>
      ) : done ? (
        <div role="status">
          <Callout tone="success" title={t('mail.setPassword.done')}>
            <Anchor href={PATHS.login}>{t('mail.setPassword.toLogin')}</Anchor>
          </Callout>
        </div>
      ) : status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        ((link) =>
          !link.valid ? (
            <Callout tone="warning" title={t('mail.setPassword.invalid')}>
              <Anchor component={Link} to={PATHS.forgotPassword}>
                {t('mail.setPassword.requestNew')}
              </Anchor>
            </Callout>
          ) : (
            <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
              <Text mb="md">{t('mail.setPassword.forAccount', { email: link.email })}</Text>
              <ErrorSummary report={report} fields={fields} />
              <form onSubmit={submit} noValidate>
                {/* The account's address, for the browser's password manager. */}
                <input type="hidden" autoComplete="username" value={link.email ?? ''} readOnly />
                <Stack>
                  <NewPasswordFields
                    ids={{ newPassword: fields.newPassword.id, repeatPassword: fields.repeatPassword.id }}
                    value={values}
                    onChange={setValues}
                    errors={{
                      newPassword: report?.fields.newPassword ?? report?.fields.token,
                      repeatPassword: report?.fields.repeatPassword,
                    }}
                  />
                  <Button type="submit" loading={setPassword.isPending}>
                    {t('mail.setPassword.submit')}
                  </Button>
                </Stack>
              </form>
            </Paper>
          ))(status.data)
      )}
    </Stack>
  );
}
