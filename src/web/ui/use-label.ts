import { useTranslation } from 'react-i18next';

/** A de/en label of the shared catalogues in the current language. */
export function useLabel(): (text: { de: string; en: string }) => string {
  const { i18n: instance } = useTranslation();
  return (text) => (instance.language === 'en' ? text.en : text.de);
}
