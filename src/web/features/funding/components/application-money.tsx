import { Button, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Application } from '../../../../shared/funding.schema.ts';
import { COST_CATEGORIES, type CostCategory } from '../../../../shared/funding.rules.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCheckProof, useMarkPaid, useRequestPayment, useSubmitProof, useUploadProjectDocument } from '../api.ts';
import { DocumentFileField, uploadErrorReport, useDocumentFileCheck } from '../../documents/index.ts';
import { useFundingT } from '../i18n.ts';
import { centsToInput, euro, inputToCents, MoneyField, SavedStatus, Section } from './common.tsx';
import { todayBerlin } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const active = (a: Application) => a.status === 'approved' || a.status === 'partly_approved';

/** Payment requests and paid amounts; the applicant requests, council staff record payment. */
export function PaymentsSection({
  application: a,
  staff,
  canWrite,
  reimbursementThresholdCents,
}: {
  application: Application;
  staff: boolean;
  canWrite: boolean;
  reimbursementThresholdCents: number;
}) {
  const t = useFundingT();
  const request = useRequestPayment();
  const reimbursementOnly = (a.decision?.approvedCents ?? 0) < reimbursementThresholdCents;
  const [kind, setKind] = useState<'reimbursement' | 'advance'>(reimbursementOnly ? 'reimbursement' : 'advance');
  const [amount, setAmount] = useState('');
  const [proven, setProven] = useState('');
  const [note, setNote] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!a.decision || a.decision.outcome === 'rejected') return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const cents = inputToCents(amount);
    if (cents === null || (kind === 'reimbursement' && inputToCents(proven) === null)) {
      setReport(
        inputReport({
          ...(cents === null ? { requestedCents: t('common.amountInvalid') } : {}),
          ...(kind === 'reimbursement' && inputToCents(proven) === null ? { provenCostsCents: t('common.amountInvalid') } : {}),
        }),
      );
      return;
    }
    try {
      await request.mutateAsync({
        id: a.id,
        body: { kind, requestedCents: cents, provenCostsCents: kind === 'reimbursement' ? inputToCents(proven) : null, note },
      });
      setReport(null);
      setAmount('');
      setProven('');
      setNote('');
      setSaved(t('payments.requested'));
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <Section id="payments" title={t('payments.title')}>
      <Text size="sm" mb="sm">
        {t('payments.summary', { approved: euro(a.decision.approvedCents), paid: euro(a.paidCents) })}{' '}
        {reimbursementOnly ? t('payments.reimbursementOnly') : ''}
      </Text>
      {a.payments.length ? (
        <TableFrame label={t('common.tableOf', { what: t('payments.title') })} minWidth={640}>
          <Table>
            <caption className="visually-hidden">{t('payments.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('payments.columns.kind')}</Table.Th>
                <Table.Th scope="col">{t('payments.columns.requestedOn')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('payments.columns.requested')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('payments.columns.paid')}
                </Table.Th>
                <Table.Th scope="col">{t('payments.columns.paidOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{t(`payments.kinds.${p.kind}`)}</Table.Td>
                  <Table.Td>{formatDate(p.requestedOn)}</Table.Td>
                  <Table.Td ta="right">{euro(p.requestedCents)}</Table.Td>
                  <Table.Td ta="right">{euro(p.paidCents)}</Table.Td>
                  <Table.Td>
                    {p.paidOn ? (
                      formatDate(p.paidOn)
                    ) : staff ? (
                      <MarkPaid paymentId={p.id} version={p.version} requestedCents={p.requestedCents} />
                    ) : (
                      t('payments.open')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : (
        <Text size="sm">{t('payments.none')}</Text>
      )}
      {canWrite && active(a) ? (
        <form onSubmit={submit} noValidate aria-label={t('payments.request')}>
          <ErrorSummary
            report={report}
            fields={{
              requestedCents: { id: 'payment-amount', label: t('payments.amount') },
              provenCostsCents: { id: 'payment-proven', label: t('payments.proven') },
            }}
          />
          <Group mt="md" gap="sm" align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('payments.kind')}
              value={kind}
              w={220}
              onChange={(e) => setKind(e.currentTarget.value as 'advance')}
              data={(reimbursementOnly ? (['reimbursement'] as const) : (['advance', 'reimbursement'] as const)).map((k) => ({
                value: k,
                label: t(`payments.kinds.${k}`),
              }))}
            />
            <MoneyField
              id="payment-amount"
              label={t('payments.amount')}
              value={amount}
              onChange={setAmount}
              error={report?.fields.requestedCents}
            />
            {kind === 'reimbursement' ? (
              <MoneyField
                id="payment-proven"
                label={t('payments.proven')}
                value={proven}
                onChange={setProven}
                error={report?.fields.provenCostsCents}
              />
            ) : null}
            <TextInput label={t('payments.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} miw={220} />
          </Group>
          <Group mt="sm">
            <Button type="submit" variant="default" loading={request.isPending}>
              {t('payments.request')}
            </Button>
            <SavedStatus message={saved} />
          </Group>
        </form>
      ) : null}
    </Section>
  );
}

function MarkPaid({ paymentId, version, requestedCents }: { paymentId: number; version: number; requestedCents: number }) {
  const t = useFundingT();
  const mark = useMarkPaid();
  const [amount, setAmount] = useState(centsToInput(requestedCents));
  const [on, setOn] = useState(todayBerlin());
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label={t('payments.markPaid')}
      onSubmit={async (e) => {
        e.preventDefault();
        const cents = inputToCents(amount);
        if (cents === null) {
          setError(t('common.amountInvalid'));
          return;
        }
        try {
          await mark.mutateAsync({ paymentId, version, paidCents: cents, paidOn: on });
          setError(null);
        } catch (err) {
          setError(describeError(err).detail ?? describeError(err).title);
        }
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap">
        <MoneyField
          id={`paid-${paymentId}`}
          label={t('payments.paidAmount')}
          value={amount}
          onChange={setAmount}
          error={error ?? undefined}
          w={160}
        />
        <TextInput type="date" label={t('payments.paidOn')} value={on} onChange={(e) => setOn(e.currentTarget.value)} w={160} />
        <Button type="submit" size="xs" loading={mark.isPending}>
          {t('payments.markPaid')}
        </Button>
      </Group>
    </form>
  );
}

/** The proof of use: actual costs by category and the factual report; council staff check it. */
export function ProofSection({ application: a, staff, canWrite }: { application: Application; staff: boolean; canWrite: boolean }) {
  const t = useFundingT();
  const submitProof = useSubmitProof();
  const check = useCheckProof();
  const upload = useUploadProjectDocument();
  const proof = a.proof;
  const [costs, setCosts] = useState<Record<CostCategory, string>>(
    () =>
      Object.fromEntries(COST_CATEGORIES.map((c) => [c, proof ? centsToInput(proof.actualCosts[c] ?? 0) : ''])) as Record<
        CostCategory,
        string
      >,
  );
  const [report, setReportText] = useState(proof?.report ?? '');
  const checkFile = useDocumentFileCheck();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [checked, setChecked] = useState(proof ? centsToInput(proof.actualEligibleCents) : '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!a.decision || a.decision.outcome === 'rejected') return null;
  const open = active(a) && (!proof || proof.status === 'submitted');

  async function send(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const bad = COST_CATEGORIES.filter((c) => costs[c].trim() && inputToCents(costs[c]) === null);
    const fileProblem = file ? checkFile(file) : null;
    if (bad.length || !report.trim() || fileProblem) {
      setErrors(
        inputReport({
          ...Object.fromEntries(bad.map((c) => [c, t('common.amountInvalid')])),
          ...(report.trim() ? {} : { report: t('common.required') }),
          ...(fileProblem ? { file: fileProblem } : {}),
        }),
      );
      return;
    }
    try {
      const actualCosts = Object.fromEntries(COST_CATEGORIES.map((c) => [c, inputToCents(costs[c]) ?? 0])) as Record<CostCategory, number>;
      await submitProof.mutateAsync({ id: a.id, body: { version: proof?.version ?? 0, actualCosts, report } });
    } catch (err) {
      setErrors(describeError(err));
      return;
    }
    setErrors(null);
    setSaved(t('proof.submitted'));
    if (!file) return;
    try {
      // The proof stands; a refused file is explained at the field and can be sent again.
      await upload.mutateAsync({ projectId: a.projectId, applicationId: a.id, file });
      setFile(null);
      setFileKey((k) => k + 1);
    } catch (err) {
      setErrors(uploadErrorReport(err));
    }
  }

  async function sendCheck(e: FormEvent) {
    e.preventDefault();
    const cents = inputToCents(checked);
    if (cents === null || !proof) {
      setErrors(inputReport({ checkedEligibleCents: t('common.amountInvalid') }));
      return;
    }
    try {
      await check.mutateAsync({ id: a.id, version: proof.version, checkedEligibleCents: cents, note });
      setErrors(null);
    } catch (err) {
      setErrors(describeError(err));
    }
  }

  return (
    <Section id="proof" title={t('proof.title')}>
      <ErrorSummary
        report={errors}
        fields={{
          ...Object.fromEntries(COST_CATEGORIES.map((c) => [c, { id: `proof-${c}`, label: t(`categories.${c}`) }])),
          report: { id: 'proof-report', label: t('proof.report') },
          checkedEligibleCents: { id: 'proof-checked', label: t('proof.checked') },
          file: { id: 'proof-file', label: t('proof.file') },
        }}
      />
      {proof ? (
        <Stack gap={4} mb="md">
          <Text size="sm">{t('proof.actual', { total: euro(proof.actualTotalCents), eligible: euro(proof.actualEligibleCents) })}</Text>
          {proof.checkedEligibleCents !== null ? (
            <Text size="sm" fw={600}>
              {t('proof.result', {
                checked: euro(proof.checkedEligibleCents),
                entitled: euro(proof.entitledCents),
                repayment: euro(proof.repaymentCents),
              })}{' '}
              {t(`status.application.${a.status}`)}.
            </Text>
          ) : (
            <Text size="sm">{t('proof.awaitingCheck')}</Text>
          )}
        </Stack>
      ) : null}
      {canWrite && open ? (
        <form onSubmit={send} noValidate aria-label={t('proof.title')}>
          <Group gap="sm" align="flex-start" wrap="wrap">
            {COST_CATEGORIES.map((c) => (
              <MoneyField
                key={c}
                id={`proof-${c}`}
                label={t('proof.actualFor', { category: t(`categories.${c}`) })}
                value={costs[c]}
                w={230}
                onChange={(v) => setCosts({ ...costs, [c]: v })}
                error={errors?.fields[c]}
              />
            ))}
          </Group>
          <Textarea
            id="proof-report"
            mt="sm"
            label={t('proof.report')}
            required
            value={report}
            autosize
            minRows={3}
            onChange={(e) => setReportText(e.currentTarget.value)}
            error={errors?.fields.report}
          />
          <div style={{ maxWidth: '28rem', marginTop: 8 }}>
            <DocumentFileField id="proof-file" label={t('proof.file')} resetKey={fileKey} onChange={setFile} error={errors?.fields.file} />
          </div>
          <Group mt="sm">
            <Button type="submit" loading={submitProof.isPending || upload.isPending}>
              {t('proof.submit')}
            </Button>
            <SavedStatus message={saved} />
          </Group>
        </form>
      ) : null}
      {staff && proof && proof.status === 'submitted' ? (
        <form onSubmit={sendCheck} noValidate aria-label={t('proof.check')}>
          <Group mt="md" gap="sm" align="flex-start" wrap="wrap">
            <MoneyField
              id="proof-checked"
              label={t('proof.checked')}
              value={checked}
              onChange={setChecked}
              error={errors?.fields.checkedEligibleCents}
              w={260}
            />
            <TextInput label={t('proof.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} miw={260} />
          </Group>
          <Button mt="sm" type="submit" loading={check.isPending}>
            {t('proof.check')}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
