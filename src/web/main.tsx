import '@mantine/core/styles.css';
import './app/shell/shell.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './lib/api-client.ts';
import { AuthProvider } from './app/auth-context.tsx';
import './lib/i18n.ts';
import { createAppRouter } from './app/router.tsx';
import { SessionFailure } from './app/session-failure.tsx';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { Loading } from './ui/query-status.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors will not change on retry; network and server errors may.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

const router = createAppRouter();

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
