import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/roles.ts';
import type { User } from '../../../../shared/users.schema.ts';
import type { ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { CommunePicker } from './commune-picker.tsx';
import { DirectorateSelect } from './directorate-select.tsx';
import { RoleSelect } from './role-select.tsx';

/** What the form edits; the directorate is a string because native selects hold strings. */
export interface UserFormValues {
  email: string;
  displayName: string;
  role: Role;
  communes: string[];
  directorateId: string;
  locale: 'de' | 'en';
}

export const EMPTY_USER_FORM: UserFormValues = {
  email: '',
  displayName: '',
  role: 'coordinator',
  communes: [],
  directorateId: '',
  locale: 'de',
};

export function formValuesOf(user: User): UserFormValues {
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    communes: user.communes,
    directorateId: user.directorateId === null ? '' : String(user.directorateId),
    locale: user.locale,
  };
}

/** Scope fields count only for the roles that have them: communes for coordinators, a directorate for police. */
export function scopeOf(values: UserFormValues): { communes: string[]; directorateId: number | null } {
  return {
    communes: values.role === 'coordinator' ? values.communes : [],
    directorateId: values.role === 'police' && values.directorateId ? Number(values.directorateId) : null,
  };
}

type FieldName = keyof UserFormValues;
const FIELD_IDS: Record<FieldName, string> = {
  email: 'user-email',
  displayName: 'user-display-name',
  role: 'user-role',
  communes: 'user-communes',
  directorateId: 'user-directorate',
  locale: 'user-locale',
};

/** The account form shared by "create" and "edit"; the email is fixed once an account exists. */
export function UserForm(props: {
  mode: 'create' | 'edit';
  values: UserFormValues;
  onChange(values: UserFormValues): void;
  report: ErrorReport | null;
  busy: boolean;
  submitLabel: string;
  onSubmit(): void;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { values, report } = props;
  const set = <K extends FieldName>(name: K, value: UserFormValues[K]) => props.onChange({ ...values, [name]: value });
  const label = (name: FieldName) => t(`users.fields.${name}`);
  const fields = Object.fromEntries(
    (Object.keys(FIELD_IDS) as FieldName[]).map((n) => [n, { id: FIELD_IDS[n], label: label(n) }]),
  ) as Record<FieldName, FieldRef>;
  const error = (name: FieldName) => report?.fields[name];

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSubmit();
  }

  return (
    <>
      <ErrorSummary report={report} fields={fields} />
      <form onSubmit={submit} noValidate>
        <Stack maw={560}>
          {props.mode === 'create' ? (
            <TextInput
              id={FIELD_IDS.email}
              label={label('email')}
              type="email"
              autoComplete="off"
              required
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={error('email')}
            />
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {label('email')}
              </Text>
              <Text>{values.email}</Text>
            </div>
          )}
          <TextInput
            id={FIELD_IDS.displayName}
            label={label('displayName')}
            autoComplete="off"
            required
            value={values.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={error('displayName')}
          />
          <RoleSelect
            id={FIELD_IDS.role}
            label={label('role')}
            value={values.role}
            required
            description={t(`users.roleHint.${values.role}`)}
            onChange={(r) => r && set('role', r)}
            error={error('role')}
          />
          {values.role === 'coordinator' ? (
            <CommunePicker
              id={FIELD_IDS.communes}
              label={label('communes')}
              value={values.communes}
              required
              onChange={(c) => set('communes', c)}
              error={error('communes')}
            />
          ) : null}
          {values.role === 'police' ? (
            <DirectorateSelect
              id={FIELD_IDS.directorateId}
              label={label('directorateId')}
              value={values.directorateId}
              required
              onChange={(d) => set('directorateId', d)}
              error={error('directorateId')}
            />
          ) : null}
          <NativeSelect
            id={FIELD_IDS.locale}
            label={label('locale')}
            value={values.locale}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            onChange={(e) => set('locale', e.currentTarget.value === 'en' ? 'en' : 'de')}
            error={error('locale')}
          />
          <Group mt="sm">
            <Button type="submit" loading={props.busy}>
              {props.submitLabel}
            </Button>
            {props.extraActions}
          </Group>
        </Stack>
      </form>
    </>
  );
}
