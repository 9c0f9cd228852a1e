import { Button, Group } from '@mantine/core';
import type { QueryKey } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFormat, DocumentOwnerType } from '../../../../shared/documents.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { FileField } from '../../../ui/file-field.tsx';
import { Confirmation, inputReport } from '../../../ui/form-support.tsx';
import { useUploadDocument } from '../api.ts';
import { acceptOf, ALL_DOCUMENT_FORMATS, DOCUMENT_MAX_MB, documentFileProblem, formatNamesOf } from '../document-file.ts';

/**
 * The file field of a document: the owner's formats offered by the picker and named in the hint
 * with the size limit. Forms that upload a file together with their record use it directly.
 */
export function DocumentFileField(props: {
  id: string;
  label: string;
  formats?: readonly DocumentFormat[];
  error?: string;
  resetKey?: number;
  onChange(file: File | null): void;
}) {
  const { t } = useTranslation();
  const formats = props.formats ?? ALL_DOCUMENT_FORMATS;
  return (
    <FileField
      id={props.id}
      label={props.label}
      description={t('documents.hint', { formats: formatNamesOf(formats), size: DOCUMENT_MAX_MB })}
      accept={acceptOf(formats)}
      error={props.error}
      resetKey={props.resetKey}
      onChange={props.onChange}
    />
  );
}

/** Hook for the check before sending: the message of a file that would be refused, or null. */
export function useDocumentFileCheck(formats: readonly DocumentFormat[] = ALL_DOCUMENT_FORMATS) {
  const { t } = useTranslation();
  return (file: File | null): string | null => {
    if (!file) return t('documents.choose');
    const problem = documentFileProblem(file, formats);
    if (problem === 'tooLarge') return t('documents.tooLarge', { size: DOCUMENT_MAX_MB });
    if (problem === 'format') return t('documents.wrongFormat', { formats: formatNamesOf(formats) });
    return null;
  };
}

/** The problem of a refused upload at the file field (a 413 or 415 names no field). */
export function uploadErrorReport(err: unknown): ErrorReport {
  const report = describeError(err);
  if (Object.keys(report.fields).length) return report;
  return { ...report, fields: { file: report.detail ?? report.title } };
}

/**
 * Uploads a document to a record: the file is checked for format and size before it is sent, a
 * refused upload is explained at the field, and the record's list refreshes after the upload.
 */
export function DocumentUpload({
  ownerType,
  ownerId,
  kind,
  formats = ALL_DOCUMENT_FORMATS,
  id,
  label,
  refresh = [],
}: {
  ownerType: DocumentOwnerType;
  ownerId: number;
  /** What the document is to its owner (default: the owner's first kind). */
  kind?: string;
  /** The formats the owner takes (default: every format). */
  formats?: readonly DocumentFormat[];
  id: string;
  label: string;
  /** Query keys of the owner's record, refreshed after the upload. */
  refresh?: QueryKey[];
}) {
  const { t } = useTranslation();
  const upload = useUploadDocument(refresh);
  const check = useDocumentFileCheck(formats);
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const problem = check(file);
    if (problem || !file) {
      setReport(inputReport({ file: problem ?? t('documents.choose') }));
      return;
    }
    setReport(null);
    try {
      const stored = await upload.mutateAsync({ ownerType, ownerId, kind, file });
      setFile(null);
      setResetKey((k) => k + 1);
      setDone(t('documents.uploaded', { name: stored.fileName }));
    } catch (err) {
      setReport(uploadErrorReport(err));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary report={report} fields={{ file: { id, label } }} />
      <Group align="flex-end" gap="sm">
        <div style={{ flex: '1 1 14rem', minWidth: 0, maxWidth: '28rem' }}>
          <DocumentFileField id={id} label={label} formats={formats} resetKey={resetKey} onChange={setFile} error={report?.fields.file} />
        </div>
        <Button type="submit" variant="default" loading={upload.isPending}>
          {t('documents.upload')}
        </Button>
      </Group>
      <Confirmation text={done} />
    </form>
  );
}
