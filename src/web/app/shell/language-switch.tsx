import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage } from '../../lib/i18n.ts';

/**
 * Offers the other language, named in that language (and marked with its lang attribute). Answers
 * of the server carry texts in the language asked for (Accept-Language): they are fetched again.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const target = currentLanguage() === 'de' ? 'en' : 'de';
  return (
    <Button
      variant="subtle"
      size="compact-md"
      lang={target}
      onClick={() => void chooseLanguage(target).then(() => queryClient.invalidateQueries())}
      title={t('shell.languageHint')}
    >
      {target === 'en' ? 'English' : 'Deutsch'}
    </Button>
  );
}
