import { Button, Group, NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FileField } from '../../../ui/file-field.tsx';
import type { ImportKind, ImportRequest } from '../api.ts';

export type ImportFormValues = Omit<ImportRequest, 'dryRun'> & { source: 'file' | 'url' };

export const EMPTY_IMPORT: ImportFormValues = {
  kind: 'gv100ad',
  source: 'file',
  file: null,
  url: '',
  state: '14',
  level: 'municipalities',
};

export const IMPORT_FIELD_IDS = {
  kind: 'import-kind',
  file: 'import-file',
  url: 'import-url',
  state: 'import-state',
  level: 'import-level',
} as const;

const KINDS: readonly ImportKind[] = ['gv100ad', 'directorates', 'boundaries'];

/** What to import and from where; the preview comes first, the import itself only after it. */
export function ImportForm(props: {
  values: ImportFormValues;
  onChange(v: ImportFormValues): void;
  errors: Record<string, string | undefined>;
  busy: boolean;
  onPreview(): void;
  fileKey: number;
}) {
  const { t } = useTranslation();
  const { values: v, errors } = props;
  const set = <K extends keyof ImportFormValues>(k: K, value: ImportFormValues[K]) => props.onChange({ ...v, [k]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onPreview();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('imports.formLabel')}>
      <Stack maw={640}>
        <Radio.Group
          id={IMPORT_FIELD_IDS.kind}
          label={t('imports.fields.kind')}
          value={v.kind}
          onChange={(k) => set('kind', k as ImportKind)}
        >
          <Stack gap={6} mt={6}>
            {KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`imports.kinds.${k}`)} description={t(`imports.kindHints.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('imports.fields.source')} value={v.source} onChange={(s) => set('source', s === 'url' ? 'url' : 'file')}>
          <Group mt={6}>
            <Radio value="file" label={t('imports.sources.file')} />
            <Radio value="url" label={t('imports.sources.url')} />
          </Group>
        </Radio.Group>
        {v.source === 'file' ? (
          <FileField
            id={IMPORT_FIELD_IDS.file}
            label={t('imports.fields.file')}
            required
            error={errors.file}
            resetKey={props.fileKey}
            onChange={(f) => set('file', f)}
          />
        ) : (
          <TextInput
            id={IMPORT_FIELD_IDS.url}
            type="url"
            required
            label={t('imports.fields.url')}
            description={t('imports.urlHint')}
            value={v.url}
            onChange={(e) => set('url', e.currentTarget.value)}
            error={errors.url}
          />
        )}
        {v.kind === 'gv100ad' ? (
          <TextInput
            id={IMPORT_FIELD_IDS.state}
            label={t('imports.fields.state')}
            description={t('imports.stateHint')}
            value={v.state}
            w={{ base: '100%', xs: 360 }}
            onChange={(e) => set('state', e.currentTarget.value)}
            error={errors.state}
          />
        ) : null}
        {v.kind === 'boundaries' ? (
          <NativeSelect
            id={IMPORT_FIELD_IDS.level}
            label={t('imports.fields.level')}
            value={v.level}
            w={{ base: '100%', xs: 320 }}
            data={[
              { value: 'municipalities', label: t('imports.levels.municipalities') },
              { value: 'districts', label: t('imports.levels.districts') },
            ]}
            onChange={(e) => set('level', e.currentTarget.value === 'districts' ? 'districts' : 'municipalities')}
            error={errors.level}
          />
        ) : null}
        <div>
          <Button type="submit" loading={props.busy}>
            {t('imports.preview')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
