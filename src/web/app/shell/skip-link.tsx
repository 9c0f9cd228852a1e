import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/** The first focusable element: jumps past header and navigation to the main content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
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
      {t('shell.skipLink')}
    </a>
  );
}
