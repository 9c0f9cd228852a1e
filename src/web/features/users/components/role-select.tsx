import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles.ts';

/** A native select of the roles (robust with every screen reader and on phones). */
export function RoleSelect(props: {
  id?: string;
  label: string;
  value: Role | '';
  onChange(role: Role | ''): void;
  allowAll?: boolean;
  error?: string;
  required?: boolean;
  description?: string;
}) {
  const { t } = useTranslation();
  const data = [
    ...(props.allowAll ? [{ value: '', label: t('users.filters.allRoles') }] : []),
    ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
  ];
  return (
    <NativeSelect
      id={props.id}
      label={props.label}
      description={props.description}
      data={data}
      value={props.value}
      required={props.required}
      error={props.error}
      onChange={(e) => props.onChange(e.currentTarget.value as Role | '')}
    />
  );
}
