import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Agreement, updateAgreementSchema } from '../../../../shared/alliance.schema.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { Confirmation, fieldRefs, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { useCancelAgreement, useUpdateAgreement } from '../api.ts';

/**
 * Edits an agreement's title, file reference, council party and notes (with its version: a
 * concurrent change answers 409 and is shown), and cancels one entered by mistake after a
 * confirmation with the reason.
 */
export function AgreementEdit({ agreement: a, title }: { agreement: Agreement; title: string }) {
  const { t } = useTranslation();
  const update = useUpdateAgreement();
  const cancel = useCancelAgreement();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const initial = () => ({ title: a.title, reference: a.reference ?? '', councilParty: a.councilParty, notes: a.notes });
  const [v, setV] = useState(initial);
  const sub = useSubmission();
  const labels = {
    title: t('alliance.agreementEdit.title'),
    reference: t('alliance.agreementEdit.reference'),
    councilParty: t('alliance.agreementEdit.councilParty'),
    notes: t('alliance.agreementEdit.notes'),
  };
  const refs = fieldRefs(`agreement-${a.id}-edit`, labels);
  const formId = `agreement-${a.id}-form`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      updateAgreementSchema,
      {
        version: a.version,
        title: v.title,
        reference: v.reference.trim() ? v.reference : null,
        councilParty: v.councilParty,
        notes: v.notes,
      },
      sub.setReport,
    );
    if (!parsed) return;
    await sub.run(() => update.mutateAsync({ id: a.id, ...parsed }), t('alliance.agreementEdit.saved'));
  }

  async function confirmCancel() {
    if (!reason.trim()) {
      setReasonError(t('alliance.agreementEdit.reasonMissing'));
      return;
    }
    setConfirming(false);
    await sub.run(() => cancel.mutateAsync({ id: a.id, version: a.version, reason: reason.trim() }), t('alliance.agreementEdit.cancelled'));
  }

  const text = (name: 'title' | 'reference' | 'councilParty', required = false) => (
    <TextInput
      id={refs[name]!.id}
      label={labels[name]}
      required={required}
      value={v[name]}
      error={sub.errors[name]}
      onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })}
    />
  );
  return (
    <div>
      <Confirmation text={sub.done} />
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          aria-expanded={open}
          aria-controls={formId}
          aria-label={t('alliance.agreementEdit.editOf', { title })}
          onClick={() => {
            if (!open) setV(initial());
            setOpen(!open);
          }}
        >
          {open ? t('alliance.agreementEdit.close') : t('alliance.agreementEdit.edit')}
        </Button>
        <Button
          size="xs"
          variant="outline"
          color="red.9"
          aria-label={t('alliance.agreementEdit.cancelOf', { title })}
          onClick={() => {
            setReason('');
            setReasonError(undefined);
            setConfirming(true);
          }}
        >
          {t('alliance.agreementEdit.cancel')}
        </Button>
      </Group>
      <div id={formId} hidden={!open}>
        {open ? (
          <>
            <ErrorSummary report={sub.report} fields={refs} />
            <form onSubmit={submit} noValidate aria-label={t('alliance.agreementEdit.editTitle', { title })}>
              <Stack gap="sm" mt="sm" maw={640}>
                {text('title')}
                {text('reference')}
                {text('councilParty', true)}
                <Textarea
                  id={refs.notes!.id}
                  label={labels.notes}
                  autosize
                  minRows={2}
                  value={v.notes}
                  error={sub.errors.notes}
                  onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
                />
                <div>
                  <Button type="submit" loading={update.isPending}>
                    {t('alliance.agreementEdit.save')}
                  </Button>
                </div>
              </Stack>
            </form>
          </>
        ) : null}
      </div>
      <ConfirmDialog
        opened={confirming}
        title={t('alliance.agreementEdit.cancelOf', { title })}
        message={t('alliance.agreementEdit.cancelMessage')}
        confirmLabel={t('alliance.agreementEdit.cancel')}
        danger
        busy={cancel.isPending}
        onConfirm={() => void confirmCancel()}
        onCancel={() => setConfirming(false)}
      >
        <Textarea
          label={t('alliance.agreementEdit.reason')}
          required
          mb="md"
          value={reason}
          error={reasonError}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </ConfirmDialog>
    </div>
  );
}
