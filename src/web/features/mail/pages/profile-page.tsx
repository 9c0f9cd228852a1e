import { Button, Checkbox, Fieldset, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSettings } from '../../../../shared/mail.schema.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useMailSettings, useUpdateMailSettings } from '../api.ts';

const CATEGORIES = ['meetings', 'digest', 'funding', 'analysis'] as const;

/** The own profile: the account and the notification settings (every message's footer links to #notifications). */
export function ProfilePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const settings = useMailSettings();
  const update = useUpdateMailSettings();
  const [values, setValues] = useState<MailSettings | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setValues(settings.data);
  }, [settings.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setReport(null);
    setSaved(false);
    try {
      setValues(await update.mutateAsync(values));
      setSaved(true);
    } catch (err) {
      setReport(describeError(err));
      void settings.refetch();
    }
  }

  return (
    <>
      <PageHeader title={t('mail.profile.title')} intro={t('mail.profile.intro')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" mb="lg">
        <Text>
          <strong>{t('mail.profile.email')}:</strong> {user.email}
        </Text>
        <Text>
          <strong>{t('mail.profile.role')}:</strong> {t(`roles.${user.role}`)}
        </Text>
      </Paper>
      <section id="notifications" aria-labelledby="notifications-title">
        <Title order={2} id="notifications-title" size="h3" mb="xs">
          {t('mail.settings.title')}
        </Title>
        <Text mb="md">{t('mail.settings.intro')}</Text>
        {settings.isPending || !values ? (
          settings.isError ? (
            <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            <Loading />
          )
        ) : (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
            <ErrorSummary report={report} fields={{}} />
            <div role="status">{saved ? <Callout tone="success">{t('mail.settings.saved')}</Callout> : null}</div>
            <form onSubmit={submit} noValidate>
              <Stack>
                <Fieldset legend={t('mail.settings.legend')} variant="unstyled">
                  <Stack gap="sm" mt="sm">
                    {CATEGORIES.map((c) => (
                      <Checkbox
                        key={c}
                        label={t(`mail.settings.${c}`)}
                        checked={values[c]}
                        onChange={(e) => setValues({ ...values, [c]: e.currentTarget.checked })}
                      />
                    ))}
                    <Checkbox label={t('mail.settings.account')} checked disabled />
                  </Stack>
                </Fieldset>
                <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
                  {t('mail.settings.save')}
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
      </section>
    </>
  );
}
