import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/users.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { useResetPassword, useUpdateUser } from '../api.ts';
import { OneTimePasswordDialog } from './one-time-password-dialog.tsx';

type Pending = 'deactivate' | 'reset' | null;

/** Status and the consequential actions on an account, each behind a confirmation. */
export function AccountActions({ user, onConflict }: { user: User; onConflict(error: unknown): boolean }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [pending, setPending] = useState<Pending>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  async function setActive(active: boolean) {
    setReport(null);
    try {
      await update.mutateAsync({ version: user.version, active });
    } catch (err) {
      if (!onConflict(err)) setReport(describeError(err));
    } finally {
      setPending(null);
    }
  }

  async function resetPassword() {
    setReport(null);
    try {
      const result = await reset.mutateAsync();
      setPassword(result.oneTimePassword);
    } catch (err) {
      setReport(describeError(err));
    } finally {
      setPending(null);
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
      <Title order={2} fz="lg" mb="sm">
        {t('users.account.title')}
      </Title>
      {report ? (
        <Alert color="red.9" variant="outline" title={report.title} mb="sm">
          {Object.values(report.fields)[0] ?? report.detail}
        </Alert>
      ) : null}
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">{t('users.columns.status')}:</Text>
          <StatusBadge tone={user.active ? 'ok' : 'neutral'}>
            {user.active ? t('users.status.active') : t('users.status.inactive')}
          </StatusBadge>
          {user.mustChangePassword ? <StatusBadge tone="warning">{t('users.status.mustChange')}</StatusBadge> : null}
          {user.sso ? <StatusBadge tone="neutral">{t('users.status.sso')}</StatusBadge> : null}
        </Group>
        <Group gap="sm">
          {user.active ? (
            <Button variant="default" onClick={() => setPending('deactivate')}>
              {t('users.account.deactivate')}
            </Button>
          ) : (
            <Button variant="default" loading={update.isPending} onClick={() => void setActive(true)}>
              {t('users.account.activate')}
            </Button>
          )}
          {!user.sso ? (
            <Button variant="default" onClick={() => setPending('reset')}>
              {t('users.account.resetPassword')}
            </Button>
          ) : null}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={pending === 'deactivate'}
        title={t('users.account.deactivateTitle')}
        message={t('users.account.deactivateText', { name: user.displayName })}
        confirmLabel={t('users.account.deactivate')}
        danger
        busy={update.isPending}
        onConfirm={() => void setActive(false)}
        onCancel={() => setPending(null)}
      />
      <ConfirmDialog
        opened={pending === 'reset'}
        title={t('users.account.resetTitle')}
        message={t('users.account.resetText', { name: user.displayName })}
        confirmLabel={t('users.account.resetPassword')}
        danger
        busy={reset.isPending}
        onConfirm={() => void resetPassword()}
        onCancel={() => setPending(null)}
      />
      <OneTimePasswordDialog
        opened={password !== null}
        email={user.email}
        password={password ?? ''}
        title={t('users.otp.resetTitle')}
        onClose={() => setPassword(null)}
      />
    </Paper>
  );
}
