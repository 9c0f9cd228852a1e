import { useTranslation } from 'react-i18next';
import { FileField } from '../../../ui/file-field.tsx';

/** The signed agreement as PDF (the server checks the file's content, not its name). */
export function PdfInput(props: { id: string; label: string; onChange(file: File | null): void; error?: string; inputKey?: number }) {
  const { t } = useTranslation();
  return (
    <FileField
      id={props.id}
      label={props.label}
      description={t('alliance.agreement.pdfHint')}
      accept="application/pdf,.pdf"
      error={props.error}
      resetKey={props.inputKey}
      onChange={props.onChange}
    />
  );
}
