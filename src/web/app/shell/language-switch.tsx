import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage } from '../../lib/i18n.ts';

/** Offers the other language, named in that language (and marked with its lang attribute). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = currentLanguage() === 'de' ? 'en' : 'de';
  return (
    <Button variant="subtle" size="compact-md" lang={target} onClick={() => void chooseLanguage(target)} title={t('shell.languageHint')}>
      {target === 'en' ? 'English' : 'Deutsch'}
    </Button>
  );
}
