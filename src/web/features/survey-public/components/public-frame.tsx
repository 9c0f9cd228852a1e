/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Lang } from '../answer-model.ts';
import { surveyT } from '../texts.ts';
import './public-frame.css';

/*
 * The public frame of the light questionnaire entry (decision 043), as the app's PublicLayout
 * looks: skip link, header with the brand (a plain link that loads the app) and the language
 * switch, main content. Plain HTML and a small style sheet instead of Mantine.
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
export function Loading({ lang }: { lang: Lang }) {
  return (
    <div className="sq-loading" role="status">
      <span className="sq-spinner" aria-hidden="true" />
      <span className="visually-hidden">{surveyT(lang)('frame.loading')}</span>
    </div>
  );
}

export function PublicFrame({ lang, onLanguage, children }: { lang: Lang; onLanguage(lang: Lang): void; children: ComponentChildren }) {
  const t = surveyT(lang);
  const target: Lang = lang === 'de' ? 'en' : 'de';
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
        {t('frame.skipLink')}
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
            title={t('frame.languageHint')}
            onClick={() => onLanguage(target)}
          >
            {target === 'en' ? 'English' : 'Deutsch'}
          </button>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        <div className="pf-container pf-content">{children}</div>
      </main>
    </>
  );
}
