import { Button, Checkbox, Group, NativeSelect, Paper, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { PROJECT_LIMITS } from '../../../../shared/projects.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { FUNDING_PATHS, useCreateProject, useFieldsOfAction, useMunicipalityOptions } from '../api.ts';
import { useFundingT } from '../i18n.ts';
import { inputReport } from '../../../ui/form-support.tsx';

const IDS = { ags: 'project-ags', title: 'project-title', fieldIds: 'project-fields' } as const;

/** Starts a project of a municipality: where, what, which fields of action; the Beccaria steps follow on its page. */
export function ProjectCreatePage() {
  const t = useFundingT();
  const navigate = useNavigate();
  const municipalities = useMunicipalityOptions();
  const fields = useFieldsOfAction();
  const create = useCreateProject();
  const options = (municipalities.data?.items ?? []).map((m) => ({ value: m.ags, label: `${m.name} (${m.districtName})` }));
  const [ags, setAgs] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [fieldIds, setFieldIds] = useState<string[]>([]);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const chosen = ags ?? (options.length === 1 ? options[0]!.value : null);
  const refs = {
    ags: { id: IDS.ags, label: t('projects.form.municipality') },
    title: { id: IDS.title, label: t('projects.form.title') },
    fieldIds: { id: IDS.fieldIds, label: t('projects.form.fields') },
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!chosen) errors.ags = t('common.required');
    if (!title.trim()) errors.title = t('common.required');
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    setReport(null);
    try {
      const p = await create.mutateAsync({ ags: chosen!, title: title.trim(), fieldIds: fieldIds.map(Number) });
      void navigate(FUNDING_PATHS.project(p.id));
    } catch (err) {
      setReport(describeError(err));
    }
  }

  return (
    <>
      <PageHeader title={t('projects.newTitle')} intro={t('projects.newIntro')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <ErrorSummary report={report} fields={refs} />
        <form onSubmit={submit} noValidate aria-label={t('projects.newTitle')}>
          <Stack maw={640}>
            <NativeSelect
              id={IDS.ags}
              label={refs.ags.label}
              required
              data={options.length === 1 ? options : [{ value: '', label: '–' }, ...options]}
              value={chosen ?? ''}
              onChange={(e) => setAgs(e.currentTarget.value || null)}
              error={report?.fields.ags}
            />
            <TextInput
              id={IDS.title}
              label={refs.title.label}
              required
              maxLength={PROJECT_LIMITS.titleMax}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={report?.fields.title}
            />
            <Checkbox.Group
              id={IDS.fieldIds}
              label={refs.fieldIds.label}
              value={fieldIds}
              onChange={setFieldIds}
              error={report?.fields.fieldIds}
            >
              <Stack gap={6} mt={6}>
                {(fields.data ?? []).map((f) => (
                  <Checkbox key={f.id} value={String(f.id)} label={f.name} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('projects.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
