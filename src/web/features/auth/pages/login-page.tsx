import { Anchor, Button, Divider, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError, type ErrorReport, toQueryString } from '../../../lib/api-client.ts';
import { PATHS } from '../../../app/navigation.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { issueMessage } from '../../../ui/form-errors.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PasswordField } from '../../../ui/password-field.tsx';
import { useAuthOptions, useLogin } from '../api.ts';

const SSO_ERRORS = [
  'no-role',
  'no-communes',
  'no-directorate',
  'no-email',
  'email-unverified',
  'email-taken',
  'account-disabled',
  'denied',
  'unavailable',
] as const;

/** The server sends a failed single sign-on back as /login?sso_error=<code>; this says what it means. */
function useSsoError(): ErrorReport | null {
  const { t } = useTranslation();
  const code = useSearchParams()[0].get('sso_error');
  if (!code) return null;
  const known = (SSO_ERRORS as readonly string[]).includes(code);
  return {
    title: t('auth.ssoErrors.title'),
    detail: known ? t(`auth.ssoErrors.${code as (typeof SSO_ERRORS)[number]}`) : t('auth.ssoErrors.unknown'),
    fields: {},
    status: 401,
  };
}

/** Where to go after sign-in: back to the page that asked for it, never off-site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== PATHS.login ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const options = useAuthOptions();
  const [values, setValues] = useState({ email: '', password: '' });
  const ssoError = useSsoError();
  const [report, setReport] = useState<ErrorReport | null>(ssoError);

  const fields = {
    email: { id: 'login-email', label: t('auth.email') },
    password: { id: 'login-password', label: t('auth.password') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkLogin(values);
    if (Object.keys(invalid).length > 0) {
      setReport({ title: t('errors.checkInput'), fields: invalid, status: 400 });
      return;
    }
    setReport(null);
    try {
      const session = await login.mutateAsync(values);
      void navigate(session.user.mustChangePassword ? PATHS.changePassword : returnPath(location.state), { replace: true });
    } catch (err) {
      setReport(describeError(err));
      setValues((v) => ({ ...v, password: '' }));
    }
  }

  const fieldError = (name: keyof typeof fields) => report?.fields[name];

  return (
    <Stack maw={440} mx="auto" mt={{ base: 'md', sm: 'xl' }}>
      <PageHeader title={t('auth.login.title')} intro={t('auth.login.intro')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <ErrorSummary report={report} fields={fields} />
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              id={fields.email.id}
              label={fields.email.label}
              type="email"
              autoComplete="username"
              required
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
              error={fieldError('email')}
            />
            <PasswordField
              id={fields.password.id}
              label={fields.password.label}
              autoComplete="current-password"
              required
              value={values.password}
              onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
              error={fieldError('password')}
            />
            <Button type="submit" loading={login.isPending}>
              {t('auth.login.submit')}
            </Button>
            <Text size="sm">
              <Anchor component={Link} to={PATHS.forgotPassword}>
                {t('mail.forgotLink')}
              </Anchor>
            </Text>
          </Stack>
        </form>
        {options.data?.sso ? (
          <>
            <Divider my="lg" label={t('auth.login.or')} labelPosition="center" />
            <Button
              component="a"
              href={`/api/auth/oidc/login${toQueryString({ returnTo: returnPath(location.state) })}`}
              variant="default"
              fullWidth
            >
              {t('auth.login.sso')}
            </Button>
          </>
        ) : null}
      </Paper>
      <footer className="site-footer">
        <Text size="sm">
          {t('auth.login.publicHint')} <Anchor href={PATHS.publicPage}>{t('auth.login.publicLink')}</Anchor>
        </Text>
      </footer>
    </Stack>
  );
}

/**
 * The rules of the server's `loginSchema` (shared/auth.schema.ts), checked without Zod so that the
 * sign-in page does not load the schema library; the messages are those of a Zod issue.
 */
function checkLogin(values: { email: string; password: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, maximum] of [
    ['email', LIMITS.emailMax],
    ['password', LIMITS.passwordMax],
  ] as const) {
    const length = values[key].length;
    if (length < 1) fields[key] = issueMessage({ code: 'too_small', path: [key], message: '', origin: 'string', minimum: 1 });
    else if (length > maximum) fields[key] = issueMessage({ code: 'too_big', path: [key], message: '', origin: 'string', maximum });
  }
  return fields;
}
