import { Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.tsx';
import { MAIN_ID, SkipLink } from './skip-link.tsx';

/**
 * The frame of the public pages (the citizen survey, the alliance's public page), which are entries
 * of their own: skip link, header with the language switch, main content. No router, no session:
 * the brand is a plain link that loads the app.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="shell-header">
        <Container size="xl" className="shell-bar">
          <a href="/" className="brand">
            Praevis
          </a>
          <Group gap="xs" ml="auto" wrap="nowrap">
            <LanguageSwitch />
          </Group>
        </Container>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        <Container size="xl" py="lg">
          {children}
        </Container>
      </main>
    </>
  );
}
