import { Button, Fieldset, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ALLIANCE_LIMITS, SIGNATORY_PARTIES } from '../../../../shared/alliance.schema.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { newSignatory, type SignatoryParty, type SignatoryRow } from '../agreement-form-model.ts';

export const signatoryFieldId = (i: number, field: 'name' | 'function' | 'party') => `signatory-${i}-${field}`;

/** The signatories as rows of name, function and party; rows can be added and removed. */
export function SignatoryRows(props: {
  rows: SignatoryRow[];
  onChange(rows: SignatoryRow[]): void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const { rows } = props;
  const set = (i: number, patch: Partial<SignatoryRow>) => props.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const error = (i: number, f: string) => props.errors[`signatories.${i}.${f}`];
  return (
    <Fieldset
      legend={t('alliance.agreement.signatories')}
      variant="unstyled"
      styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } }}
    >
      <Stack gap="sm">
        {props.errors.signatories ? (
          <p className="mantine-InputWrapper-error" style={{ color: 'var(--mantine-color-error)', margin: 0 }}>
            {props.errors.signatories}
          </p>
        ) : null}
        {rows.map((r, i) => (
          <Fieldset key={r.key} legend={t('alliance.agreement.signatory', { n: i + 1 })} p="sm">
            <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
              <TextInput
                id={signatoryFieldId(i, 'name')}
                label={t('alliance.agreement.signatoryName')}
                maxLength={LIMITS.nameMax}
                miw={180}
                value={r.name}
                onChange={(e) => set(i, { name: e.currentTarget.value })}
                error={error(i, 'name')}
              />
              <TextInput
                id={signatoryFieldId(i, 'function')}
                label={t('alliance.agreement.signatoryFunction')}
                miw={180}
                description={t('alliance.agreement.signatoryFunctionHint')}
                maxLength={LIMITS.nameMax}
                value={r.function}
                onChange={(e) => set(i, { function: e.currentTarget.value })}
                error={error(i, 'function')}
              />
              <NativeSelect
                id={signatoryFieldId(i, 'party')}
                label={t('alliance.agreement.signatoryParty')}
                value={r.party}
                miw={160}
                data={SIGNATORY_PARTIES.map((p) => ({ value: p, label: t(`alliance.parties.${p}`) }))}
                onChange={(e) => set(i, { party: e.currentTarget.value as SignatoryParty })}
                error={error(i, 'party') ?? error(i, 'ags')}
              />
            </Group>
            <Button
              variant="subtle"
              color="#c92a2a"
              size="compact-sm"
              mt="xs"
              onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
            >
              {t('alliance.agreement.removeSignatory', { n: i + 1 })}
            </Button>
          </Fieldset>
        ))}
        <div>
          <Button
            variant="default"
            size="sm"
            onClick={() => props.onChange([...rows, newSignatory()])}
            disabled={rows.length >= ALLIANCE_LIMITS.signatoriesMax}
          >
            {t('alliance.agreement.addSignatory')}
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}
