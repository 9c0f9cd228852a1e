import '@mantine/core/styles.css';
import './app/shell/shell.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AuthProvider } from './app/auth-context.tsx';
import { i18nReady } from './lib/i18n.ts';
import { createQueryClient } from './app/query-client.ts';
import { createAppRouter } from './app/router.tsx';
import { SessionFailure } from './app/session-failure.tsx';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { Loading } from './ui/query-status.tsx';

const queryClient = createQueryClient();

const router = createAppRouter();

// The page renders once the catalogue of its language is there (lib/i18n.ts).
await i18nReady;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AuthProvider fallback={<Loading />} failure={(retry, error) => <SessionFailure error={error} onRetry={retry} />}>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
