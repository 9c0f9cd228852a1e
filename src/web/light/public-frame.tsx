/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { setFallbackTitle } from '../lib/api-request.ts';
import { type Language, rememberLanguage, storedLanguage } from '../lib/language-choice.ts';
import { lightT } from './texts.ts';
import './public-frame.css';

/*
 * The public frame of the light entries (decision 040: the citizen survey, the sign-in page), as
 * the app's PublicLayout looks: skip link, header with the brand (a plain link that loads the app)
 * and the language switch, main content, an optional footer. Plain HTML and a small style sheet
 * instead of Mantine.
 */

const MAIN_ID = 'main';

/** The page's single h1, which also becomes the document title; an optional intro below it. */
export function PageTitle({ title, intro }: { title: string; intro?: string }) {
  useEffect(() => {
    document.title = `${title} – Praevis`;
  }, [title]);
  return (
    <div className="sq-page-header">
      <h1 className="sq-h1">{title}</h1>
      {intro ? <p className="sq-dimmed">{intro}</p> : null}
    </div>
  );
}

/** The announced loading status. */
export function Loading({ lang }: { lang: Language }) {
  return (
    <div className="sq-loading" role="status">
      <span className="sq-spinner" aria-hidden="true" />
      <span className="visually-hidden">{lightT(lang)('loading')}</span>
    </div>
  );
}

/** Puts a language on the page: `<html lang>` (which the API calls send as Accept-Language) and the titles of failures. */
function applyLanguage(lang: Language): void {
  document.documentElement.lang = lang;
  const t = lightT(lang);
  setFallbackTitle((status) => (status === 0 ? t('errors.network') : t('errors.unexpected', { status })));
}

/**
 * The visitor's language, chosen on this device (shared with the app, lib/language-choice.ts), else
 * German, applied to the page; and how to choose another, which is remembered.
 */
export function initialLanguage(): Language {
  const lang = storedLanguage() ?? 'de';
  applyLanguage(lang);
  return lang;
}

/** Remembers and applies a language the visitor chose. */
export function chooseLanguage(lang: Language): void {
  rememberLanguage(lang);
  applyLanguage(lang);
}

export function PublicFrame({
  lang,
  onLanguage,
  footer,
  children,
}: {
  lang: Language;
  onLanguage(lang: Language): void;
  footer?: ComponentChildren;
  children: ComponentChildren;
}) {
  const t = lightT(lang);
  const target: Language = lang === 'de' ? 'en' : 'de';
  return (
    <>
      <a
        className="skip-link"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          e.preventDefault();
          const main = document.getElementById(MAIN_ID);
          main?.focus();
          main?.scrollIntoView();
        }}
      >
        {t('skipLink')}
      </a>
      <header className="shell-header">
        <div className="pf-container shell-bar">
          <a href="/" className="brand">
            Praevis
          </a>
          <button
            type="button"
            className="sq-button sq-button-subtle pf-language"
            lang={target}
            title={t('languageHint')}
            onClick={() => {
              chooseLanguage(target);
              onLanguage(target);
            }}
          >
            {target === 'en' ? 'English' : 'Deutsch'}
          </button>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        <div className="pf-container pf-content">{children}</div>
      </main>
      {footer ? (
        <footer className="pf-container pf-footer sq-dimmed sq-small">
          <p>{footer}</p>
        </footer>
      ) : null}
    </>
  );
}
