import { Alert, Button, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_KINDS,
  type AgreementKind,
  ALLIANCE_LIMITS,
  createAgreementSchema,
  type MunicipalityDetail,
} from '../../../../shared/alliance.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { zodPathErrors } from '../../../ui/form-errors.ts';
import { useDirectorates } from '../../territory/index.ts';
import { agreementInputOf, type AgreementFormValues, emptyAgreementForm, remapSignatoryErrors } from '../agreement-form-model.ts';
import { DocumentFileField, useDocumentFileCheck, useUploadDocument } from '../../documents/index.ts';
import { useCreateAgreement } from '../api.ts';
import { PartnerPicker } from './partner-picker.tsx';
import { signatoryFieldId, SignatoryRows } from './signatory-rows.tsx';
import { todayBerlin } from '../../../../shared/time.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const IDS = {
  signedOn: 'agreement-signed-on',
  kind: 'agreement-kind',
  title: 'agreement-title',
  reference: 'agreement-reference',
  municipalities: 'agreement-partners',
  directorateId: 'agreement-directorate',
  notes: 'agreement-notes',
  file: 'agreement-file',
  signatories: signatoryFieldId(0, 'name'),
};

/** The error summary's links: the fixed fields and every signatory field. */
function useFieldRefs(rows: number): Record<string, FieldRef> {
  const { t } = useTranslation();
  const out: Record<string, FieldRef> = Object.fromEntries(
    (Object.keys(IDS) as (keyof typeof IDS)[]).map((k) => [k, { id: IDS[k], label: t(`alliance.agreement.fields.${k}`) }]),
  );
  for (let i = 0; i < rows; i++) {
    for (const f of ['name', 'function', 'party'] as const) {
      out[`signatories.${i}.${f}`] = {
        id: signatoryFieldId(i, f),
        label: `${t('alliance.agreement.signatory', { n: i + 1 })}, ${t(`alliance.agreement.fields.signatory_${f}`)}`,
      };
    }
    out[`signatories.${i}.ags`] = out[`signatories.${i}.party`]!;
  }
  return out;
}

/** Records a signed cooperation agreement: parties, signatories, and the signed PDF. */
export function AgreementForm({ detail, typeSelect }: { detail: MunicipalityDetail; typeSelect: ReactNode }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { ags, directorateName } = detail.municipality;
  const create = useCreateAgreement();
  const upload = useUploadDocument([['alliance']]);
  const checkFile = useDocumentFileCheck(['pdf']);
  const directorates = useDirectorates();
  const [values, setValues] = useState<AgreementFormValues>(emptyAgreementForm);
  const [fileKey, setFileKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [uploadFailed, setUploadFailed] = useState<ErrorReport | null>(null);
  const fieldRefs = useFieldRefs(values.signatories.length);
  const set = <K extends keyof AgreementFormValues>(k: K, v: AgreementFormValues[K]) => setValues({ ...values, [k]: v });
  const errors = report?.fields ?? {};

  async function submit(e: FormEvent) {
    e.preventDefault();
    setUploadFailed(null);
    const { input, rowOf } = agreementInputOf(ags, values);
    const parsed = createAgreementSchema.safeParse(input);
    const fieldErrors = parsed.success ? {} : remapSignatoryErrors(zodPathErrors(parsed.error), rowOf);
    const fileProblem = values.file ? checkFile(values.file) : null;
    if (fileProblem) fieldErrors.file = fileProblem;
    if (!parsed.success || Object.keys(fieldErrors).length) {
      setReport(inputReport(fieldErrors));
      return;
    }
    setReport(null);
    let agreementId: number;
    try {
      agreementId = (await create.mutateAsync(parsed.data)).id;
    } catch (err) {
      const r = describeError(err, { byPath: true });
      setReport({ ...r, fields: remapSignatoryErrors(r.fields, rowOf) });
      return;
    }
    const file = values.file;
    setValues(emptyAgreementForm());
    setFileKey((k) => k + 1);
    if (file) {
      try {
        await upload.mutateAsync({ ownerType: 'alliance_agreement', ownerId: agreementId, file });
      } catch (err) {
        // The agreement stands; the document can be uploaded again at the agreement below.
        setUploadFailed(describeError(err));
        return;
      }
    }
    notify('agreementRecorded');
  }

  const directorateOptions = [
    { value: '', label: t('alliance.agreement.directorateDefault', { name: directorateName ?? '–' }) },
    ...(directorates.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
  ];

  return (
    <>
      {uploadFailed ? (
        <Alert color="red.9" variant="outline" title={t('alliance.agreement.uploadFailedTitle')} mb="md">
          {Object.values(uploadFailed.fields)[0] ?? uploadFailed.detail ?? uploadFailed.title} {t('alliance.agreement.uploadFailedText')}
        </Alert>
      ) : null}
      <ErrorSummary report={report} fields={fieldRefs} />
      <form onSubmit={submit} noValidate aria-label={t('alliance.record.formLabel')}>
        <Stack maw={760}>
          {typeSelect}
          <TextInput
            id={IDS.signedOn}
            type="date"
            label={t('alliance.agreement.fields.signedOn')}
            required
            max={todayBerlin()}
            min="1990-01-01"
            w={{ base: '100%', xs: 260 }}
            value={values.signedOn}
            onChange={(e) => set('signedOn', e.currentTarget.value)}
            error={errors.signedOn}
          />
          <NativeSelect
            id={IDS.kind}
            label={t('alliance.agreement.fields.kind')}
            description={t('alliance.agreement.kindHint')}
            data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`alliance.agreement.kinds.${k}`) }))}
            value={values.kind}
            onChange={(e) => set('kind', e.currentTarget.value as AgreementKind)}
            error={errors.kind}
            w={{ base: '100%', sm: 420 }}
          />
          <TextInput
            id={IDS.title}
            label={t('alliance.agreement.fields.title')}
            maxLength={ALLIANCE_LIMITS.titleMax}
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            id={IDS.reference}
            label={t('alliance.agreement.fields.reference')}
            description={t('alliance.agreement.referenceHint')}
            maxLength={ALLIANCE_LIMITS.referenceMax}
            value={values.reference}
            onChange={(e) => set('reference', e.currentTarget.value)}
            error={errors.reference}
            w={{ base: '100%', sm: 320 }}
          />
          <PartnerPicker
            id={IDS.municipalities}
            exclude={ags}
            value={values.partners}
            onChange={(p) => set('partners', p)}
            error={errors.municipalities}
          />
          <NativeSelect
            id={IDS.directorateId}
            label={t('alliance.agreement.fields.directorateId')}
            value={values.directorateId}
            data={directorateOptions}
            onChange={(e) => set('directorateId', e.currentTarget.value)}
            error={errors.directorateId}
          />
          <SignatoryRows rows={values.signatories} onChange={(rows) => set('signatories', rows)} errors={errors} />
          <DocumentFileField
            id={IDS.file}
            formats={['pdf']}
            resetKey={fileKey}
            label={t('alliance.agreement.fields.file')}
            onChange={(f) => set('file', f)}
            error={errors.file}
          />
          <Textarea
            id={IDS.notes}
            label={t('alliance.agreement.fields.notes')}
            autosize
            minRows={2}
            maxLength={ALLIANCE_LIMITS.notesMax}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
          />
          <div>
            <Button type="submit" loading={create.isPending || upload.isPending}>
              {t('alliance.agreement.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}
