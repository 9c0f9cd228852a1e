import { Anchor, Button, Checkbox, Group, List, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Project, PROJECT_LIMITS } from '../../../../shared/projects.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows, allowsFor } from '../../../../shared/policies.ts';
import { dossierUrl, FUNDING_PATHS, useFieldsOfAction, useProject, useProjectStatus, useUpdateProject } from '../api.ts';
import { euro, SavedStatus, Section, ToneBadge } from '../components/common.tsx';
import { DocumentsSection, LocationsSection, PartnersSection } from '../components/project-extras.tsx';
import { StepForms } from '../components/step-forms.tsx';
import { useFundingT } from '../i18n.ts';
import { EffectsSection } from '../../effects/index.ts';

/** Completeness of the seven steps at a glance, each linking to its form. */
function CompletenessOverview({ project }: { project: Project }) {
  const t = useFundingT();
  const done = project.completeness.filter((c) => c.state === 'complete').length;
  return (
    <Section id="completeness" title={t('completeness.title')}>
      <Text size="sm" mb="xs">
        {t('completeness.summary', { n: done })} {project.readyForApplication ? t('completeness.ready') : t('completeness.notReady')}
      </Text>
      <List spacing={4}>
        {project.completeness.map((c) => (
          <List.Item key={c.step}>
            <Group gap="xs">
              <Anchor href={`#step-${c.step}`}>{t(`steps.${c.step}.title`)}</Anchor>
              <ToneBadge tone={c.state}>{t(`steps.state.${c.state}`)}</ToneBadge>
            </Group>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

/** Title, fields of action and dates. */
function DetailsForm({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const fields = useFieldsOfAction();
  const update = useUpdateProject();
  const [title, setTitle] = useState(project.title);
  const [fieldIds, setFieldIds] = useState(project.fields.map((f) => String(f.id)));
  const [start, setStart] = useState(project.startDate ?? '');
  const [end, setEnd] = useState(project.endDate ?? '');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const refs = {
    title: { id: 'details-title', label: t('projects.form.title') },
    endDate: { id: 'details-end', label: t('projects.form.end') },
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    try {
      await update.mutateAsync({
        id: project.id,
        body: { version: project.version, title, fieldIds: fieldIds.map(Number), startDate: start || null, endDate: end || null },
      });
      setReport(null);
      setSaved(t('common.saved'));
    } catch (err) {
      setReport(describeError(err));
    }
  }
  return (
    <Section id="details" title={t('projects.details')}>
      <ErrorSummary report={report} fields={refs} />
      <form onSubmit={submit} noValidate aria-label={t('projects.details')}>
        <Stack gap="sm" maw={720}>
          <TextInput
            id={refs.title.id}
            label={refs.title.label}
            required
            maxLength={PROJECT_LIMITS.titleMax}
            value={title}
            readOnly={readOnly}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={report?.fields.title}
          />
          <Checkbox.Group label={t('projects.form.fields')} value={fieldIds} onChange={setFieldIds}>
            <Group gap="md" mt={6}>
              {(fields.data ?? []).map((f) => (
                <Checkbox key={f.id} value={String(f.id)} label={f.name} disabled={readOnly} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group gap="sm">
            <TextInput
              type="date"
              id="details-start"
              label={t('projects.form.start')}
              value={start}
              readOnly={readOnly}
              onChange={(e) => setStart(e.currentTarget.value)}
              w={180}
            />
            <TextInput
              type="date"
              id={refs.endDate.id}
              label={refs.endDate.label}
              value={end}
              readOnly={readOnly}
              onChange={(e) => setEnd(e.currentTarget.value)}
              w={180}
              error={report?.fields.endDate}
            />
          </Group>
          {readOnly ? null : (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('projects.saveDetails')}
              </Button>
              <SavedStatus message={saved} />
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}

/** The status with the allowed next steps as buttons. */
function StatusControl({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const move = useProjectStatus();
  const [report, setReport] = useState<ErrorReport | null>(null);
  return (
    <Section id="status" title={t('projects.status')}>
      <ErrorSummary report={report} fields={{}} />
      <Group gap="sm">
        <Text>
          {t('projects.currentStatus')}: <strong>{t(`status.project.${project.status}`)}</strong>
        </Text>
        {readOnly
          ? null
          : project.allowedTransitions.map((s) => (
              <Button
                key={s}
                variant="default"
                size="xs"
                loading={move.isPending}
                onClick={async () => {
                  try {
                    await move.mutateAsync({ id: project.id, version: project.version, status: s });
                    setReport(null);
                  } catch (err) {
                    setReport(describeError(err));
                  }
                }}
              >
                {t('projects.moveTo', { status: t(`status.project.${s}`) })}
              </Button>
            ))}
      </Group>
    </Section>
  );
}

/** A project: details, status, the seven Beccaria steps with completeness, partners, locations, documents, applications, dossier. */
export function ProjectPage() {
  const t = useFundingT();
  const user = useCurrentUser();
  const id = Number(useParams().id);
  const query = useProject(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  const readOnly = !allowsFor('funding.writeProjects', user, p.ags);
  const funding = allows('funding.projectFunding', user.role);
  const canApply = allows('funding.applications', user.role) && !readOnly;
  return (
    <>
      <PageHeader
        title={p.title}
        intro={`${p.municipalityName} · ${p.districtName} · ${t(`status.project.${p.status}`)}`}
        actions={
          funding ? (
            <Anchor href={dossierUrl(p.id)} download>
              {t('projects.dossier')}
            </Anchor>
          ) : null
        }
      />
      <Stack gap="lg">
        <CompletenessOverview project={p} />
        <DetailsForm key={`d${p.id}`} project={p} readOnly={readOnly} />
        <StatusControl project={p} readOnly={readOnly} />
        <StepForms key={`s${p.id}`} project={p} readOnly={readOnly} />
        <PartnersSection key={`p${p.id}`} project={p} readOnly={readOnly} />
        <LocationsSection key={`l${p.id}`} project={p} readOnly={readOnly} />
        <DocumentsSection project={p} readOnly={readOnly} />
        {allows('effects.read', user.role) ? <EffectsSection source={{ projectId: p.id }} /> : null}
        <Section
          id="applications"
          title={t('projects.applications')}
          actions={
            canApply ? (
              <Button component={Link} to={FUNDING_PATHS.newApplication(p.id)} variant={p.readyForApplication ? 'filled' : 'default'}>
                {t('projects.apply')}
              </Button>
            ) : null
          }
        >
          {!p.readyForApplication && canApply ? (
            <Text size="sm" mb="sm">
              {t('projects.applyHint')}
            </Text>
          ) : null}
          {p.applications.length ? (
            <TableFrame label={t('common.tableOf', { what: t('projects.applications') })} minWidth={520}>
              <Table>
                <caption className="visually-hidden">{t('projects.applications')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('applications.columns.year')}</Table.Th>
                    <Table.Th scope="col">{t('applications.columns.status')}</Table.Th>
                    <Table.Th scope="col">{t('applications.columns.requested')}</Table.Th>
                    <Table.Th scope="col">{t('applications.columns.approved')}</Table.Th>
                    <Table.Th scope="col">{t('applications.columns.paid')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.applications.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        {funding ? (
                          <Anchor component={Link} to={FUNDING_PATHS.application(a.id)}>
                            {t('applications.linkN', { n: a.id, year: a.programmeYear })}
                          </Anchor>
                        ) : (
                          a.programmeYear
                        )}
                      </Table.Td>
                      <Table.Td>{t(`status.application.${a.status as 'draft'}`)}</Table.Td>
                      <Table.Td>{euro(a.requestedCents)}</Table.Td>
                      <Table.Td>{euro(a.approvedCents)}</Table.Td>
                      <Table.Td>{euro(a.paidCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
          ) : (
            <Text size="sm">{t('projects.noApplications')}</Text>
          )}
        </Section>
      </Stack>
      <Paper mt="lg" p="sm" withBorder={false}>
        <Anchor component={Link} to={FUNDING_PATHS.projects}>
          {t('projects.back')}
        </Anchor>
      </Paper>
    </>
  );
}
