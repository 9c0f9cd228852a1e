import { Button, Code, Group, List, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_STATUSES, type MailStatus, type OutboxMessage } from '../../../../shared/mail.schema.ts';
import { formatDateTime } from '../../../../shared/time.ts';
import { describeError, toQueryString } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ListPagination } from '../../../ui/list-pagination.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useListParams } from '../../../ui/use-list-params.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';
import { useOutbox, useOutboxMessage, useRetryMessage } from '../api.ts';

const PAGE_SIZE = 25;
const DEFAULTS = { page: '1', status: '' };
const TONE: Record<MailStatus, 'ok' | 'warning' | 'neutral'> = {
  queued: 'neutral',
  sending: 'neutral',
  sent: 'ok',
  failed: 'warning',
  kept: 'neutral',
};

/** "Postausgang": every message with its state, for admins; a failed one can be sent again. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const [params, update] = useListParams(DEFAULTS);
  const status = (MAIL_STATUSES as readonly string[]).includes(params.status) ? (params.status as MailStatus) : undefined;
  const page = Math.max(1, Number(params.page) || 1);
  const query = useOutbox({ page, pageSize: PAGE_SIZE, status });
  const retry = useRetryMessage();
  const [shown, setShown] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const when = (v: string | null) => (v ? formatDateTime(v, i18n.language) : '–');

  async function retryMessage(m: OutboxMessage) {
    try {
      await retry.mutateAsync(m.id);
      setNotice(t('mail.outbox.retried'));
    } catch (err) {
      setNotice(describeError(err).detail ?? describeError(err).title);
    }
  }

  return (
    <>
      <PageHeader
        title={t('mail.outbox.title')}
        intro={t('mail.outbox.intro')}
        actions={
          <DownloadLinks
            hrefOf={(format) => `/api/mail/outbox/export${toQueryString({ status, format })}`}
            what={t('mail.outbox.exportWhat')}
          />
        }
      />
      <Callout tone="neutral">{t('mail.outbox.notConfiguredHint')}</Callout>
      <Group mb="md">
        <NativeSelect
          label={t('mail.outbox.statusFilter')}
          value={status ?? ''}
          onChange={(e) => update({ status: e.currentTarget.value })}
          data={[
            { value: '', label: t('mail.outbox.allStatuses') },
            ...MAIL_STATUSES.map((s) => ({ value: s, label: t(`mail.outbox.statuses.${s}`) })),
          ]}
        />
      </Group>
      <div role="status">{notice ? <Callout tone="info">{notice}</Callout> : null}</div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <Callout tone="neutral">{t('mail.outbox.empty')}</Callout>
      ) : (
        <>
          <TableFrame label={t('mail.outbox.caption')} minWidth={960}>
            <Table striped>
              <Table.Caption>{t('mail.outbox.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('mail.outbox.columns.created')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.kind')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.attempts')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.lastError')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.sent')}</Table.Th>
                  <Table.Th scope="col">{t('mail.outbox.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{when(m.createdAt)}</Table.Td>
                    <Table.Td>{m.kind}</Table.Td>
                    <Table.Td>{m.recipient}</Table.Td>
                    <Table.Td>
                      <StatusBadge tone={TONE[m.status]}>{t(`mail.outbox.statuses.${m.status}`)}</StatusBadge>
                    </Table.Td>
                    <Table.Td>{m.attempts}</Table.Td>
                    <Table.Td>{m.lastError ?? '–'}</Table.Td>
                    <Table.Td>{when(m.sentAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('mail.outbox.showOf', { id: m.id })}
                          onClick={() => setShown(m.id)}
                        >
                          {t('mail.outbox.show')}
                        </Button>
                        {m.status === 'failed' && m.cleanedAt === null ? (
                          <Button
                            size="xs"
                            aria-label={t('mail.outbox.retryOf', { id: m.id })}
                            loading={retry.isPending && retry.variables === m.id}
                            onClick={() => void retryMessage(m)}
                          >
                            {t('mail.outbox.retry')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <ListPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={(p) => update({ page: String(p) })} />
        </>
      )}
      <MessageDialog id={shown} onClose={() => setShown(null)} />
    </>
  );
}

function MessageDialog({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useOutboxMessage(id);
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      title={t('mail.outbox.detailTitle', { id })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('mail.outbox.close') }}
    >
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : (
        <Stack>
          <Text>
            <strong>{t('mail.outbox.columns.recipient')}:</strong> {query.data.recipient}
          </Text>
          {query.data.cleanedAt ? (
            <Callout tone="neutral">{t('mail.outbox.cleaned')}</Callout>
          ) : (
            <>
              <Text>
                <strong>{t('mail.outbox.subject')}:</strong> {query.data.subject}
              </Text>
              <div>
                <Text fw={700}>{t('mail.outbox.text')}</Text>
                <Code block style={{ whiteSpace: 'pre-wrap' }}>
                  {query.data.text}
                </Code>
              </div>
              {query.data.attachments.length ? (
                <div>
                  <Text fw={700}>{t('mail.outbox.attachments')}</Text>
                  <List>
                    {query.data.attachments.map((a) => (
                      <List.Item key={a.filename}>{a.filename}</List.Item>
                    ))}
                  </List>
                </div>
              ) : null}
              {query.data.hasCalendar ? <Text>{t('mail.outbox.calendar')}</Text> : null}
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}
