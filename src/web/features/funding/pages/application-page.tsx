import { Anchor, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Application } from '../../../../shared/funding.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { formatDate } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { allows, allowsFor } from '../../../../shared/policies.ts';
import { FUNDING_PATHS, noticeUrl, useApplication, useProgrammes, useSubmitApplication } from '../api.ts';
import { PaymentsSection, ProofSection } from '../components/application-money.tsx';
import { CostTables, DecisionSection, RecommendationSection, ReviewSection } from '../components/application-staff.tsx';
import { euro, Section, ToneBadge } from '../components/common.tsx';
import { useFundingT } from '../i18n.ts';

/** A draft's rule check and its submission (council staff may submit outside the window with a reason). */
function SubmitSection({ application: a, staff, windowOpen }: { application: Application; staff: boolean; windowOpen: boolean }) {
  const t = useFundingT();
  const submit = useSubmitApplication();
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const lang = currentLanguage();
  const override = staff && !windowOpen;
  async function send(e: FormEvent) {
    e.preventDefault();
    try {
      await submit.mutateAsync({ id: a.id, version: a.version, windowOverrideReason: override && reason.trim() ? reason.trim() : null });
      setReport(null);
    } catch (err) {
      setReport(describeError(err));
    }
  }
  return (
    <Section
      id="submit"
      title={t('submit.title')}
      actions={
        <Button component={Link} to={`${FUNDING_PATHS.application(a.id)}/edit`} variant="default" size="xs">
          {t('submit.edit')}
        </Button>
      }
    >
      <div aria-live="polite">
        {a.violations.length === 0 ? (
          <Text fw={600} c="#1e6b30" mb="sm">
            {t('plan.allRulesMet')}
          </Text>
        ) : (
          <>
            <Text fw={600} c="#a33b06">
              {t('plan.rulesBroken', { n: a.violations.length })}
            </Text>
            <List size="sm" spacing={2} mb="sm">
              {a.violations.map((v, i) => (
                <List.Item key={i}>{v.message[lang]}</List.Item>
              ))}
            </List>
          </>
        )}
      </div>
      <ErrorSummary report={report} fields={{ windowOverrideReason: { id: 'submit-override', label: t('submit.override') } }} />
      <form onSubmit={send} noValidate aria-label={t('submit.title')}>
        {override ? (
          <Textarea
            id="submit-override"
            label={t('submit.override')}
            description={t('submit.overrideHint')}
            value={reason}
            autosize
            minRows={2}
            mb="sm"
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        ) : null}
        <Button type="submit" loading={submit.isPending}>
          {t('submit.submit')}
        </Button>
      </form>
    </Section>
  );
}

/** An application from draft to proof of use: plans, rule check, review, decision, notice, payments, proof. */
export function ApplicationPage() {
  const t = useFundingT();
  const user = useCurrentUser();
  const id = Number(useParams().id);
  const query = useApplication(id);
  const programmes = useProgrammes();
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  const staff = allows('funding.staff', user.role);
  const canWrite = allowsFor('funding.applications', user, a.ags);
  const programme = programmes.data?.find((p) => p.id === a.programmeId);
  return (
    <>
      <PageHeader
        title={a.title}
        intro={`${a.municipalityName} · ${t('applications.programmeYear', { year: a.programmeYear })} · ${a.field.name}`}
        actions={<ToneBadge tone={a.status}>{t(`status.application.${a.status}`)}</ToneBadge>}
      />
      <Stack gap="lg">
        <Section id="overview" title={t('applications.overview')}>
          <Text size="sm" mb="sm">
            {t('applicationForm.project')}:{' '}
            <Anchor component={Link} to={FUNDING_PATHS.project(a.projectId)}>
              {a.projectTitle}
            </Anchor>
            {a.submittedAt ? ` · ${t('applications.submittedAt', { date: formatDate(a.submittedAt) })}` : ''}
            {a.windowOverrideReason ? ` · ${t('applications.override', { reason: a.windowOverrideReason })}` : ''}
          </Text>
          <CostTables application={a} />
        </Section>
        {a.status === 'draft' && canWrite ? (
          <SubmitSection application={a} staff={staff} windowOpen={programme?.windowOpenToday ?? true} />
        ) : null}
        {staff && a.status !== 'draft' ? <ReviewSection application={a} /> : null}
        {staff && a.status !== 'draft' ? <RecommendationSection application={a} /> : null}
        {staff ? <DecisionSection application={a} /> : null}
        {a.decision ? (
          <Section id="notice" title={t('decision.result')}>
            <Text mb="xs">
              {t(`status.application.${a.decision.outcome}`)}: <strong>{euro(a.decision.approvedCents)}</strong> ({a.decision.noticeNumber},{' '}
              {formatDate(a.decision.decidedAt)})
            </Text>
            {a.decision.reason ? (
              <Text size="sm" mb="xs">
                {a.decision.reason}
              </Text>
            ) : null}
            <Anchor href={noticeUrl(a.id)} download>
              {t('decision.notice')}
            </Anchor>
          </Section>
        ) : null}
        <PaymentsSection
          key={`pay${a.version}`}
          application={a}
          staff={staff}
          canWrite={canWrite}
          reimbursementThresholdCents={programme?.reimbursementThresholdCents ?? 2_000_000}
        />
        <ProofSection key={`proof${a.proof?.version ?? 0}`} application={a} staff={staff} canWrite={canWrite} />
      </Stack>
      <Group mt="lg">
        <Anchor component={Link} to={FUNDING_PATHS.funding}>
          {t('applications.back')}
        </Anchor>
      </Group>
    </>
  );
}
