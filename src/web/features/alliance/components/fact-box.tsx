import { Button, CopyButton, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n.ts';
import type { FactBox as FactBoxData } from '../api.ts';

/** The press release text for the date, in the UI language, with a copy button. */
export function FactBox({ data }: { data: FactBoxData }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const text = data[lang];
  return (
    <Paper withBorder p="md" radius="md">
      <Text component="blockquote" lang={lang} className="fact-box" m={0} data-testid="fact-box">
        {text}
      </Text>
      <Group mt="sm">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'default'} size="sm" onClick={copy} aria-live="polite">
              {copied ? t('alliance.factBox.copied') : t('alliance.factBox.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Paper>
  );
}
