import { Anchor, Paper } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createUserSchema } from '../../../../shared/users.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { SECTIONS } from '../../../app/navigation.ts';
import { useNotify } from '../../../app/notice.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useCreateUser } from '../api.ts';
import { OneTimePasswordDialog } from '../components/one-time-password-dialog.tsx';
import { EMPTY_USER_FORM, scopeOf, UserForm, type UserFormValues } from '../components/user-form.tsx';
import { parseOrReport } from '../../../ui/form-support.tsx';

export function UserCreatePage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateUser();
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER_FORM);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  async function submit() {
    const parsed = parseOrReport(
      createUserSchema,
      {
        email: values.email,
        displayName: values.displayName,
        role: values.role,
        locale: values.locale,
        ...scopeOf(values),
      },
      setReport,
    );
    if (!parsed) return;
    setReport(null);
    try {
      const result = await create.mutateAsync(parsed);
      // With mail configured the account received an invitation link instead of a one-time password.
      if (result.oneTimePassword === null) notify('userInvited', SECTIONS.users.path);
      else setCreated({ email: result.user.email, password: result.oneTimePassword });
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <>
      <PageHeader
        title={t('users.create.title')}
        intro={t('users.create.intro')}
        actions={
          <Anchor component={Link} to={SECTIONS.users.path}>
            {t('users.backToList')}
          </Anchor>
        }
      />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <UserForm
          mode="create"
          values={values}
          onChange={setValues}
          report={report}
          busy={create.isPending}
          submitLabel={t('users.create.submit')}
          onSubmit={() => void submit()}
        />
      </Paper>
      <OneTimePasswordDialog
        opened={created !== null}
        email={created?.email ?? ''}
        password={created?.password ?? ''}
        title={t('users.otp.createdTitle')}
        onClose={() => {
          setCreated(null);
          notify('userCreated', SECTIONS.users.path);
        }}
      />
    </>
  );
}
