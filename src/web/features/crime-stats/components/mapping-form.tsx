import { Fieldset, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useCrimeStatsT } from '../i18n.ts';
import { COLUMN_FIELDS, type ColumnField, type MappingValues } from '../mapping-model.ts';

/** The id of each input of the mapping form (the error summary links to them). */
export const MAPPING_FIELD_IDS = {
  name: 'mapping-name',
  sourceLabel: 'mapping-source',
  fixedOffenceKey: 'mapping-fixed-key',
  column: (f: ColumnField) => `mapping-column-${f}`,
} as const;

const REQUIRED: readonly ColumnField[] = ['cases'];

/**
 * The column mapping: its name and publisher, and for each field the column of the file that
 * holds it. The choices are the file's header names; a column the saved mapping names but the
 * file lacks stays visible, marked as such, so the mismatch is seen before the import.
 */
export function MappingForm({
  values,
  columns,
  errors,
  onChange,
}: {
  values: MappingValues;
  columns: readonly string[];
  errors: Record<string, string>;
  onChange(next: MappingValues): void;
}) {
  const t = useCrimeStatsT();
  const setColumn = (f: ColumnField, column: string) => onChange({ ...values, columns: { ...values.columns, [f]: column } });
  const optionsFor = (current: string) => [
    { value: '', label: t('municipalImport.noColumn') },
    ...columns.map((c) => ({ value: c, label: c })),
    ...(current && !columns.includes(current) ? [{ value: current, label: t('municipalImport.notInFile', { column: current }) }] : []),
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={MAPPING_FIELD_IDS.name}
          label={t('municipalImport.mappingName')}
          description={t('municipalImport.mappingNameHint')}
          required
          autoComplete="off"
          value={values.name}
          error={errors.name}
          onChange={(e) => onChange({ ...values, name: e.currentTarget.value })}
        />
        <TextInput
          id={MAPPING_FIELD_IDS.sourceLabel}
          label={t('municipalImport.sourceLabel')}
          description={t('municipalImport.sourceLabelHint')}
          required
          autoComplete="off"
          value={values.sourceLabel}
          error={errors.sourceLabel}
          onChange={(e) => onChange({ ...values, sourceLabel: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Fieldset legend={t('municipalImport.columnsLegend')} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {COLUMN_FIELDS.map((f) => (
            <NativeSelect
              key={f}
              id={MAPPING_FIELD_IDS.column(f)}
              label={t(`municipalImport.columns.${f}`)}
              description={t(`municipalImport.columnHints.${f}`)}
              required={REQUIRED.includes(f)}
              data={optionsFor(values.columns[f])}
              value={values.columns[f]}
              error={errors[`columns.${f}`]}
              onChange={(e) => setColumn(f, e.currentTarget.value)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <TextInput
        id={MAPPING_FIELD_IDS.fixedOffenceKey}
        label={t('municipalImport.fixedOffenceKey')}
        description={t('municipalImport.fixedOffenceKeyHint')}
        autoComplete="off"
        w={{ base: '100%', sm: 320 }}
        value={values.fixedOffenceKey}
        error={errors.fixedOffenceKey}
        styles={{ input: { fontFamily: 'monospace' } }}
        onChange={(e) => onChange({ ...values, fixedOffenceKey: e.currentTarget.value })}
      />
    </Stack>
  );
}
