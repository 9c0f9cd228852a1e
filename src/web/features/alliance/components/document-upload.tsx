import { Button, Group } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useNotify } from '../../../app/notice.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { isPdfFile } from '../agreement-form-model.ts';
import { useUploadDocument } from '../../documents/index.ts';
import { PdfInput } from './pdf-input.tsx';

/** Uploads the signed PDF of an existing agreement (or a further one, e.g. an amendment). */
export function DocumentUpload({ agreementId, first }: { agreementId: number; first: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const upload = useUploadDocument([['alliance']]);
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const id = `upload-${agreementId}`;
  const fields = { file: { id, label: t('alliance.agreement.fields.file') } };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || !isPdfFile(file)) {
      setReport({
        title: t('errors.checkInput'),
        fields: { file: file ? t('alliance.agreement.notPdf') : t('alliance.agreement.chooseFile') },
        status: 400,
      });
      return;
    }
    setReport(null);
    try {
      await upload.mutateAsync({ ownerType: 'alliance_agreement', ownerId: agreementId, file });
      setFile(null);
      setKey((k) => k + 1);
      notify('documentUploaded');
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary report={report} fields={fields} />
      <Group align="flex-end" gap="sm">
        <div style={{ flex: '1 1 14rem', minWidth: 0, maxWidth: '28rem' }}>
          <PdfInput
            id={id}
            inputKey={key}
            label={first ? t('alliance.agreement.fields.file') : t('alliance.agreement.uploadLabel')}
            onChange={setFile}
            error={report?.fields.file}
          />
        </div>
        <Button type="submit" variant="default" loading={upload.isPending}>
          {t('alliance.agreement.upload')}
        </Button>
      </Group>
    </form>
  );
}
