import { Button, CopyButton, Group, List, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatNumber } from '../../../lib/format.ts';
import type { FactBox as FactBoxData } from '../api.ts';
import { factBoxFigureLinks } from '../figure-links.ts';
import { figureLabel } from '../status-style.ts';
import { type DrillDown, FigureLink } from './figure-link.tsx';

/**
 * The press release text for the date, in the UI language, with a copy button; below it each
 * figure the text names, linked to the list of what it counts.
 */
export function FactBox({ data, drillDown }: { data: FactBoxData; drillDown: DrillDown }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const text = data[lang];
  const links = factBoxFigureLinks(data.figures, (key) => drillDown.href(key, data.at));
  return (
    <Paper withBorder p="md" radius="md">
      <Text component="blockquote" lang={lang} className="fact-box" m={0} data-testid="fact-box">
        {text}
      </Text>
      <Text size="sm" fw={600} mt="sm" id="fact-box-figures">
        {t('alliance.factBox.figures')}
      </Text>
      <List size="sm" aria-labelledby="fact-box-figures" data-testid="fact-box-figures">
        {links.map((l) => (
          <List.Item key={l.key}>
            <FigureLink
              href={l.href}
              link={drillDown.link}
              follow={drillDown.follow}
              label={t('alliance.drillDown.showList', { count: formatNumber(l.value), figure: figureLabel(l.key) })}
            >
              {formatNumber(l.value)}
            </FigureLink>{' '}
            {figureLabel(l.key)}
          </List.Item>
        ))}
      </List>
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
