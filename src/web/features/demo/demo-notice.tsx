import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DemoStatus } from '../../../shared/demo.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { Callout } from '../../ui/callout.tsx';

/** Whether demo data (`praevis demo`) exist (`GET /api/demo`, open to anyone). */
export function useDemoStatus() {
  return useQuery({
    queryKey: ['demo-status'],
    queryFn: () => apiRequest<DemoStatus>('/api/demo', { expectUnauthenticated: true }),
    staleTime: 60_000,
  });
}

/** The visible "Demo-Daten" label of a page while demo data exist (decision 036); nothing otherwise. */
export function DemoNotice() {
  const { t } = useTranslation();
  const status = useDemoStatus();
  if (!status.data?.demo) return null;
  return (
    <Callout tone="warning" title={t('demo.notice.title')}>
      {t('demo.notice.text')}
    </Callout>
  );
}
