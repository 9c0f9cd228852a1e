import { Anchor, Paper, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type UpdateUserInput, type User, updateUserSchema, userSchema } from '../../../../shared/users.schema.ts';
import { ApiError, describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { SECTIONS } from '../../../app/navigation.ts';
import { useNotify } from '../../../app/notice.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { useUpdateUser, useUser } from '../api.ts';
import { AccountActions } from '../components/account-actions.tsx';
import { ConflictAlert } from '../components/conflict-alert.tsx';
import { formValuesOf, scopeOf, UserForm, type UserFormValues } from '../components/user-form.tsx';
import { parseOrReport } from '../../../ui/form-support.tsx';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only what changed against the stored record, with the version it was based on. */
function patchOf(base: User, values: UserFormValues): UpdateUserInput {
  const scope = scopeOf(values);
  const patch: UpdateUserInput = { version: base.version };
  if (values.displayName !== base.displayName) patch.displayName = values.displayName;
  if (values.role !== base.role) patch.role = values.role;
  if (values.role === 'coordinator' && !sameSet(scope.communes, base.communes)) patch.communes = scope.communes;
  if (values.role === 'police' && scope.directorateId !== base.directorateId) patch.directorateId = scope.directorateId;
  if (values.locale !== base.locale) patch.locale = values.locale;
  return patch;
}

function UserEditor({ user }: { user: User }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const update = useUpdateUser(user.id);
  const [values, setValues] = useState<UserFormValues>(() => formValuesOf(user));
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [conflict, setConflict] = useState<User | null>(null);

  /** A 409 with the current record: keep it to offer a reload. Returns whether it was one. */
  function handleConflict(err: unknown): boolean {
    if (!(err instanceof ApiError) || err.status !== 409) return false;
    const current = userSchema.safeParse(err.problem.current);
    if (!current.success) return false;
    setConflict(current.data);
    return true;
  }

  function reloadCurrent() {
    if (!conflict) return;
    queryClient.setQueryData(['users', 'one', user.id], conflict);
    setValues(formValuesOf(conflict));
    setConflict(null);
    setReport(null);
  }

  async function submit() {
    const parsed = parseOrReport(updateUserSchema, patchOf(user, values), setReport);
    if (!parsed) return;
    setReport(null);
    if (Object.keys(parsed).length === 1) {
      notify('noChanges');
      return;
    }
    try {
      const saved = await update.mutateAsync(parsed);
      setValues(formValuesOf(saved));
      notify('userSaved');
    } catch (err) {
      if (!handleConflict(err)) setReport(describeError(err));
    }
  }

  return (
    <Stack gap="lg">
      {conflict ? <ConflictAlert onReload={reloadCurrent} /> : null}
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <UserForm
          mode="edit"
          values={values}
          onChange={setValues}
          report={report}
          busy={update.isPending}
          submitLabel={t('users.edit.submit')}
          onSubmit={() => void submit()}
        />
      </Paper>
      <AccountActions user={user} onConflict={handleConflict} />
    </Stack>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useUser(id);
  const back = (
    <Anchor component={Link} to={SECTIONS.users.path}>
      {t('users.backToList')}
    </Anchor>
  );
  return (
    <>
      <PageHeader
        title={query.data ? t('users.edit.title', { name: query.data.displayName }) : t('users.edit.titleLoading')}
        intro={query.data?.email}
        actions={back}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <UserEditor key={query.data.id} user={query.data} />
      )}
    </>
  );
}
