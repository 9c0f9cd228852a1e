import { Alert, Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { PATHS } from '../../../app/navigation.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { useAllianceSettings, useUpdateAllianceSettings } from '../api.ts';
import { SectionHeading } from './section-heading.tsx';

/** Admins publish or withdraw the public page (figures and member map without sign-in), after a confirmation. */
export function PublicPageSetting() {
  const { t } = useTranslation();
  const settings = useAllianceSettings(true);
  const update = useUpdateAllianceSettings();
  const [asking, setAsking] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);

  async function toggle(publicPage: boolean, version: number) {
    setReport(null);
    try {
      await update.mutateAsync({ version, publicPage });
    } catch (err) {
      setReport(describeError(err));
      void settings.refetch();
    } finally {
      setAsking(false);
    }
  }

  return (
    <section aria-labelledby="public-page-heading">
      <SectionHeading id="public-page-heading">{t('alliance.publicSetting.title')}</SectionHeading>
      <Paper withBorder p="md" radius="md">
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            {report ? (
              <Alert color="red.9" variant="outline" title={report.title} mb="sm">
                {report.detail}
              </Alert>
            ) : null}
            <Group gap="sm" mb="sm">
              <Text size="sm">{t('alliance.publicSetting.state')}</Text>
              <StatusBadge tone={settings.data.publicPage ? 'ok' : 'neutral'}>
                {settings.data.publicPage ? t('alliance.publicSetting.published') : t('alliance.publicSetting.notPublished')}
              </StatusBadge>
            </Group>
            <Text size="sm" mb="sm">
              {t('alliance.publicSetting.explain')}
            </Text>
            <Group gap="sm">
              <Button variant={settings.data.publicPage ? 'default' : 'filled'} onClick={() => setAsking(true)}>
                {settings.data.publicPage ? t('alliance.publicSetting.withdraw') : t('alliance.publicSetting.publish')}
              </Button>
              <Anchor href={PATHS.publicPage}>{t('alliance.publicSetting.open')}</Anchor>
            </Group>
            <ConfirmDialog
              opened={asking}
              title={settings.data.publicPage ? t('alliance.publicSetting.withdrawTitle') : t('alliance.publicSetting.publishTitle')}
              message={settings.data.publicPage ? t('alliance.publicSetting.withdrawText') : t('alliance.publicSetting.publishText')}
              confirmLabel={settings.data.publicPage ? t('alliance.publicSetting.withdraw') : t('alliance.publicSetting.publish')}
              danger={settings.data.publicPage}
              busy={update.isPending}
              onConfirm={() => void toggle(!settings.data.publicPage, settings.data.version)}
              onCancel={() => setAsking(false)}
            />
          </>
        )}
      </Paper>
    </section>
  );
}
