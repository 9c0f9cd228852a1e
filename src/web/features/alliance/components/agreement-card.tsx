import { List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../shared/alliance.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { DocumentList, DocumentUpload } from '../../documents/index.ts';
import { AgreementEdit } from './agreement-edit.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate, formatDateTime } from '../../../../shared/time.ts';

function AgreementState({ a }: { a: Agreement }) {
  const { t } = useTranslation();
  if (a.status === 'cancelled') return <StatusBadge tone="warning">{t('alliance.agreements.cancelled')}</StatusBadge>;
  if (a.terminatedOn)
    return (
      <StatusBadge tone="neutral">
        {t('alliance.agreements.terminated', { date: formatDate(a.terminatedOn, currentLanguage()) })}
      </StatusBadge>
    );
  return <StatusBadge tone="ok">{t('alliance.agreements.inForce', { date: formatDate(a.signedOn, currentLanguage()) })}</StatusBadge>;
}

function Signatories({ a }: { a: Agreement }) {
  const { t } = useTranslation();
  if (!a.signatories.length) return <Text size="sm">{t('alliance.agreements.noSignatories')}</Text>;
  const caption = t('alliance.agreements.signatoriesOf', { title: a.title || `#${a.id}` });
  return (
    <TableFrame label={caption} minWidth={520}>
      <Table className="data-table" bg="white">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alliance.agreement.signatoryName')}</Table.Th>
            <Table.Th scope="col">{t('alliance.agreement.signatoryFunction')}</Table.Th>
            <Table.Th scope="col">{t('alliance.agreement.signatoryParty')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.signatories.map((s, i) => (
            <Table.Tr key={`${s.name}-${i}`}>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>{s.function}</Table.Td>
              <Table.Td>{t(`alliance.parties.${s.party}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

/** One cooperation agreement: state, parties, signatories, signed documents (and their upload). */
export function AgreementCard({ agreement: a, canRecord }: { agreement: Agreement; canRecord: boolean }) {
  const { t } = useTranslation();
  const title = a.title || t('alliance.agreements.untitled', { id: a.id });
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`agreement-${a.id}`}>
      <Stack gap="sm">
        <div>
          <Title order={3} fz="lg" id={`agreement-${a.id}`}>
            {title}
          </Title>
          {a.reference ? (
            <Text size="sm" c="dimmed">
              {t('alliance.agreements.reference', { reference: a.reference })}
            </Text>
          ) : null}
        </div>
        <div>
          <AgreementState a={a} />{' '}
          {a.kind !== 'cooperation' ? <StatusBadge tone="neutral">{t(`alliance.agreement.kinds.${a.kind}`)}</StatusBadge> : null}
        </div>
        {a.status === 'cancelled' && a.statusReason ? (
          <Text size="sm">{t('alliance.agreements.cancelReason', { reason: a.statusReason })}</Text>
        ) : null}
        <div>
          <Text fw={600} size="sm">
            {a.joint ? t('alliance.agreements.partiesJoint') : t('alliance.agreements.parties')}
          </Text>
          <List size="sm">
            {a.parties.map((p) => (
              <List.Item key={p.ags}>
                {t('alliance.agreements.party', { name: p.name, date: formatDate(p.signedOn, currentLanguage()) })}
                {p.terminatedOn ? ` ${t('alliance.agreements.partyLeft', { date: formatDate(p.terminatedOn, currentLanguage()) })}` : ''}
                {p.amendedOn.length
                  ? ` ${t('alliance.agreements.partyAmended', { dates: p.amendedOn.map((d: string) => formatDate(d, currentLanguage())).join(', ') })}`
                  : ''}
              </List.Item>
            ))}
            <List.Item>{a.directorateName ?? t('alliance.agreements.noDirectorate')}</List.Item>
            <List.Item>{a.councilParty}</List.Item>
          </List>
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('alliance.agreement.signatories')}
          </Text>
          <Signatories a={a} />
        </div>
        <div>
          <Text fw={600} size="sm">
            {t('alliance.agreements.documents')}
          </Text>
          <DocumentList
            documents={a.documents}
            empty={t('alliance.agreements.noDocuments')}
            meta={(d) =>
              t('alliance.agreements.documentMeta', {
                size: formatNumber(Math.max(1, Math.round(d.size / 1024))),
                when: formatDateTime(d.uploadedAt, currentLanguage()),
              })
            }
          />
        </div>
        {canRecord && a.status === 'active' ? <AgreementEdit agreement={a} title={title} /> : null}
        {canRecord && a.status === 'active' ? (
          <DocumentUpload
            ownerType="alliance_agreement"
            ownerId={a.id}
            formats={['pdf']}
            id={`upload-${a.id}`}
            label={a.documents.length === 0 ? t('alliance.agreement.fields.file') : t('alliance.agreement.uploadLabel')}
            refresh={[['alliance']]}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
