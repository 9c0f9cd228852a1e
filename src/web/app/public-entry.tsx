import '@mantine/core/styles.css';
import './shell/shell.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from '../lib/i18n.ts';
import { createQueryClient } from './query-client.ts';
import { PublicLayout } from './shell/public-layout.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

/**
 * Mounts a public page as an entry of its own (decision 020): theme, queries, i18n and the public
 * frame, without the signed-in application (no app router, no session context, no other feature).
 */
export function mountPublicEntry(page: ReactNode): void {
  // The page renders once the catalogue of its language is there (lib/i18n.ts).
  void i18nReady.then(() => render(page));
}

function render(page: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <QueryClientProvider client={createQueryClient()}>
          <PublicLayout>{page}</PublicLayout>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
