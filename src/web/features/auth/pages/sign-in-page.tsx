/** @jsxImportSource preact */
import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../../../../shared/limits.ts';
import { describeError, type ErrorReport, toQueryString } from '../../../lib/api-request.ts';
import type { Language } from '../../../lib/language-choice.ts';
import { returnPathOf, sessionEndOf, SIGN_IN_PATH } from '../../../lib/sign-in-address.ts';
import { Button, Callout, ErrorSummary, type FieldRef, TextField } from '../../../light/form.tsx';
import { initialLanguage, Loading, PageTitle, PublicFrame } from '../../../light/public-frame.tsx';
import { authOptions, probeSession, signIn } from '../sign-in-api.ts';
import { type SignInT, signInT } from '../texts.ts';

/*
 * The sign-in page, a light entry of its own (sign-in.html at /login, decision 040): Preact and
 * native controls, none of the app's code. The app comes here by a full page load with the page to
 * return to (`next`) and why the last session ended (`ended`, lib/sign-in-address.ts); after
 * sign-in a full page load goes on to that page, or to the password change that a one-time
 * password requires. No CSRF token is needed: the server asks for one only from a request that
 * carries a session, and a visitor who has one is sent on before the form shows.
 */

const CHANGE_PASSWORD_PATH = '/change-password';
const FORGOT_PASSWORD_PATH = '/forgot-password';
const PUBLIC_PAGE_PATH = '/oeffentlich';

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
function ssoErrorReport(t: SignInT): ErrorReport | null {
  const code = new URLSearchParams(window.location.search).get('sso_error');
  if (!code) return null;
  const known = (SSO_ERRORS as readonly string[]).includes(code);
  return {
    title: t('ssoErrors.title'),
    detail: known ? t(`ssoErrors.${code as (typeof SSO_ERRORS)[number]}`) : t('ssoErrors.unknown'),
    fields: {},
    status: 401,
  };
}

/** The rules of the server's `loginSchema` (shared/auth.schema.ts), checked without Zod. */
function checkSignIn(values: { email: string; password: string }, t: SignInT): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, maximum] of [
    ['email', LIMITS.emailMax],
    ['password', LIMITS.passwordMax],
  ] as const) {
    const length = values[key].length;
    if (length < 1) fields[key] = t('required');
    else if (length > maximum) fields[key] = t('maxLength', { count: maximum });
  }
  return fields;
}

/** Leaves for a page of the app: a full page load that takes the place of the sign-in page in the history. */
function goOn(path: string): void {
  window.location.replace(path);
}

function SignInForm({ lang, sso, returnPath }: { lang: Language; sso: boolean; returnPath: string }) {
  const t = signInT(lang);
  const [values, setValues] = useState({ email: '', password: '' });
  const [report, setReport] = useState<ErrorReport | null>(() => ssoErrorReport(t));
  const [busy, setBusy] = useState(false);
  const fields: Record<'email' | 'password', FieldRef> = {
    email: { id: 'login-email', label: t('email') },
    password: { id: 'login-password', label: t('password') },
  };

  async function submit() {
    const invalid = checkSignIn(values, t);
    if (Object.keys(invalid).length > 0) {
      setReport({ title: t('checkInput'), fields: invalid, status: 400 });
      return;
    }
    setReport(null);
    setBusy(true);
    try {
      const session = await signIn(values);
      goOn(session.user.mustChangePassword ? CHANGE_PASSWORD_PATH : returnPath);
    } catch (err) {
      // Wrong password, too many attempts (429), a disabled account: the server's words.
      setReport(describeError(err));
      setValues((v) => ({ ...v, password: '' }));
      setBusy(false);
    }
  }

  return (
    <div className="sq-paper">
      <ErrorSummary report={report} fields={fields} lang={lang} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <TextField
          field={fields.email}
          type="email"
          autoComplete="username"
          required
          value={values.email}
          onValue={(email) => setValues((v) => ({ ...v, email }))}
          error={report?.fields.email}
        />
        <TextField
          field={fields.password}
          type="password"
          autoComplete="current-password"
          required
          revealLabel={t('showPassword')}
          value={values.password}
          onValue={(password) => setValues((v) => ({ ...v, password }))}
          error={report?.fields.password}
        />
        <div className="sq-form-actions">
          <Button type="submit" busy={busy}>
            {t('submit')}
          </Button>
          <p className="sq-small">
            <a href={FORGOT_PASSWORD_PATH}>{t('forgotLink')}</a>
          </p>
        </div>
      </form>
      {sso ? (
        <>
          <p className="sq-divider">
            <span>{t('or')}</span>
          </p>
          <a
            className="sq-button sq-button-default sq-button-block"
            href={`/api/auth/oidc/login${toQueryString({ returnTo: returnPath })}`}
          >
            {t('sso')}
          </a>
        </>
      ) : null}
    </div>
  );
}

function SignInPage({ lang }: { lang: Language }) {
  const t = signInT(lang);
  const [ready, setReady] = useState(false);
  const [sso, setSso] = useState(false);
  const [returnPath] = useState(() => returnPathOf(window.location.search, window.location.origin));
  const [ended] = useState(() => sessionEndOf(window.location.search));

  useEffect(() => {
    // The notice is shown once: a reload of the page does not repeat it.
    if (ended) {
      const params = new URLSearchParams(window.location.search);
      params.delete('ended');
      const query = params.toString();
      window.history.replaceState(null, '', `${SIGN_IN_PATH}${query ? `?${query}` : ''}${window.location.hash}`);
    }
    let live = true;
    // A visitor who is signed in already goes on to where they belong.
    probeSession()
      .then((probe) => {
        if (!live) return;
        if (probe.signedIn) goOn(probe.user.mustChangePassword ? CHANGE_PASSWORD_PATH : returnPath);
        else setReady(true);
      })
      // Without an answer the form shows anyway; signing in then says what is wrong.
      .catch(() => live && setReady(true));
    authOptions()
      .then((options) => live && setSso(options.sso))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ended, returnPath]);

  return (
    <div className="sq-narrow-page">
      <div role="status" aria-live="polite">
        {ended ? <Callout tone="success">{t(`notices.${ended}`)}</Callout> : null}
      </div>
      <PageTitle title={t('title')} intro={t('intro')} />
      {ready ? <SignInForm lang={lang} sso={sso} returnPath={returnPath} /> : <Loading lang={lang} />}
    </div>
  );
}

/** The whole light entry: the public frame in the visitor's language and the sign-in form. */
export function SignInApp() {
  const [lang, setLang] = useState<Language>(initialLanguage);
  const t = signInT(lang);
  return (
    <PublicFrame
      lang={lang}
      onLanguage={setLang}
      footer={
        <>
          {t('publicHint')} <a href={PUBLIC_PAGE_PATH}>{t('publicLink')}</a>
        </>
      }
    >
      <SignInPage lang={lang} />
    </PublicFrame>
  );
}
