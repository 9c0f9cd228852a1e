import { Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordResetRequestSchema } from '../../../../shared/mail.schema.ts';
import { PATHS } from '../../../app/navigation.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useRequestPasswordReset } from '../api.ts';
import { parseOrReport } from '../../../ui/form-support.tsx';

/** "Passwort vergessen?": asks for the address and answers the same whether it is known or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const fields = { email: { id: 'reset-email', label: t('auth.email') } };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(passwordResetRequestSchema, { email: email.trim() }, setReport);
    if (!parsed) return;
    setReport(null);
    try {
      setAnswer((await request.mutateAsync(parsed)).message);
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <Stack maw={440} mx="auto" mt={{ base: 'md', sm: 'xl' }}>
      <PageHeader title={t('mail.forgot.title')} intro={t('mail.forgot.intro')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <div role="status">{answer ? <Callout tone="success">{answer}</Callout> : null}</div>
        <ErrorSummary report={report} fields={fields} />
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              id={fields.email.id}
              label={fields.email.label}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={report?.fields.email}
            />
            <Button type="submit" loading={request.isPending}>
              {t('mail.forgot.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm">
        <Anchor href={PATHS.login}>{t('mail.backToLogin')}</Anchor>
      </Text>
    </Stack>
  );
}
