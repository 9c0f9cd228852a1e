import { Button, Group, NativeSelect, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Application, REVIEW_CRITERIA, type ReviewCriterion, type ReviewInput } from '../../../../shared/funding.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows } from '../../../../shared/policies.ts';
import { useAssignReviewer, useDecide, useRecommend, useReviewers, useSubmitReview } from '../api.ts';
import { useFundingT } from '../i18n.ts';
import { euro, inputToCents, MoneyField, SavedStatus, Section } from './common.tsx';
import { inputReport } from '../../../ui/form-support.tsx';

/** Reviewers, their scores by criteria and comments; the assigned reviewer (or an admin) submits. */
export function ReviewSection({ application: a }: { application: Application }) {
  const t = useFundingT();
  const user = useCurrentUser();
  const reviewers = useReviewers(true);
  const assign = useAssignReviewer();
  const [reviewer, setReviewer] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const canAssign = a.status === 'submitted' || a.status === 'in_review';
  const assigned = new Set(a.reviews.map((r) => r.reviewer?.id));
  return (
    <Section id="review" title={t('review.title')}>
      <ErrorSummary report={report} fields={{ userId: { id: 'review-assign', label: t('review.reviewer') } }} />
      {canAssign ? (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reviewer) {
              setReport(inputReport({ userId: t('common.required') }));
              return;
            }
            try {
              await assign.mutateAsync({ id: a.id, version: a.version, userId: Number(reviewer) });
              setReport(null);
              setReviewer('');
            } catch (err) {
              setReport(describeError(err));
            }
          }}
        >
          <Group align="flex-end" gap="sm" mb="md">
            <NativeSelect
              id="review-assign"
              label={t('review.reviewer')}
              value={reviewer}
              w={280}
              onChange={(e) => setReviewer(e.currentTarget.value)}
              data={[
                { value: '', label: '–' },
                ...(reviewers.data ?? []).filter((r) => !assigned.has(r.id)).map((r) => ({ value: String(r.id), label: r.name })),
              ]}
            />
            <Button type="submit" variant="default" loading={assign.isPending}>
              {t('review.assign')}
            </Button>
          </Group>
        </form>
      ) : null}
      {a.reviews.length === 0 ? (
        <Text size="sm">{t('review.none')}</Text>
      ) : (
        <Stack gap="md">
          {a.reviews.map((r) =>
            r.status === 'assigned' &&
            a.status === 'in_review' &&
            (r.reviewer?.id === user.id || allows('funding.reviewForOthers', user.role)) ? (
              <ReviewForm key={r.id} application={a} reviewId={r.id} version={r.version} name={r.reviewer?.name ?? ''} />
            ) : (
              <div key={r.id}>
                <Text fw={600}>
                  {r.reviewer?.name}: {r.status === 'submitted' ? t('review.submitted') : t('review.pending')}
                </Text>
                {r.scores ? <Text size="sm">{REVIEW_CRITERIA.map((c) => `${t(`criteria.${c}`)} ${r.scores![c]}`).join(' · ')}</Text> : null}
                {r.comment ? <Text size="sm">{r.comment}</Text> : null}
              </div>
            ),
          )}
        </Stack>
      )}
    </Section>
  );
}

function ReviewForm({
  application: a,
  reviewId,
  version,
  name,
}: {
  application: Application;
  reviewId: number;
  version: number;
  name: string;
}) {
  const t = useFundingT();
  const submit = useSubmitReview();
  const [scores, setScores] = useState<Record<ReviewCriterion, string>>({
    need: '',
    beccaria: '',
    feasibility: '',
    cost_efficiency: '',
    sustainability: '',
  });
  const [comment, setComment] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  async function send(e: FormEvent) {
    e.preventDefault();
    const missing = REVIEW_CRITERIA.filter((c) => !scores[c]);
    if (missing.length) {
      setReport(inputReport(Object.fromEntries(missing.map((c) => [c, t('common.required')]))));
      return;
    }
    try {
      await submit.mutateAsync({
        id: a.id,
        reviewId,
        body: { version, scores: Object.fromEntries(REVIEW_CRITERIA.map((c) => [c, Number(scores[c])])) as ReviewInput['scores'], comment },
      });
    } catch (err) {
      setReport(describeError(err));
    }
  }
  return (
    <form onSubmit={send} noValidate aria-label={t('review.formFor', { name })}>
      <ErrorSummary
        report={report}
        fields={Object.fromEntries(REVIEW_CRITERIA.map((c) => [c, { id: `score-${reviewId}-${c}`, label: t(`criteria.${c}`) }]))}
      />
      <Text fw={600} mb="xs">
        {t('review.formFor', { name })}
      </Text>
      <Group gap="sm" wrap="wrap">
        {REVIEW_CRITERIA.map((c) => (
          <NativeSelect
            key={c}
            id={`score-${reviewId}-${c}`}
            label={t(`criteria.${c}`)}
            value={scores[c]}
            w={200}
            error={report?.fields[c]}
            data={[{ value: '', label: '–' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`review.score${n as 1}`) }))]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setScores({ ...scores, [c]: v });
            }}
          />
        ))}
      </Group>
      <Textarea
        mt="sm"
        label={t('review.comment')}
        value={comment}
        autosize
        minRows={2}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Button mt="sm" type="submit" loading={submit.isPending}>
        {t('review.submit')}
      </Button>
    </form>
  );
}

/** The recommendation summary for the deciding board, with the average scores. */
export function RecommendationSection({ application: a }: { application: Application }) {
  const t = useFundingT();
  const recommend = useRecommend();
  const r = a.recommendation;
  const [choice, setChoice] = useState<string>(r?.recommendation ?? 'approve');
  const [amount, setAmount] = useState('');
  const [summary, setSummary] = useState(r?.summary ?? '');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editable = a.status === 'in_review';
  return (
    <Section id="recommendation" title={t('recommendation.title')}>
      {a.averageScores ? (
        <Text size="sm" mb="sm">
          {t('recommendation.average')}:{' '}
          {REVIEW_CRITERIA.map((c) => `${t(`criteria.${c}`)} ${formatNumber(a.averageScores![c])}`).join(' · ')}
        </Text>
      ) : null}
      {r && !editable ? (
        <Text size="sm">
          {t(`recommendation.options.${r.recommendation}`)}
          {r.amountCents ? ` (${euro(r.amountCents)})` : ''}: {r.summary}
        </Text>
      ) : null}
      {editable ? (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(null);
            const errors: Record<string, string> = {};
            if (!summary.trim()) errors.summary = t('common.required');
            if (choice === 'approve_partly' && inputToCents(amount) === null) errors.amountCents = t('common.amountInvalid');
            if (Object.keys(errors).length) {
              setReport(inputReport(errors));
              return;
            }
            try {
              await recommend.mutateAsync({
                id: a.id,
                body: {
                  version: a.version,
                  recommendation: choice as 'approve',
                  amountCents: choice === 'approve_partly' ? inputToCents(amount) : null,
                  summary,
                },
              });
              setReport(null);
              setSaved(t('common.saved'));
            } catch (err) {
              setReport(describeError(err));
            }
          }}
        >
          <ErrorSummary
            report={report}
            fields={{
              summary: { id: 'recommendation-summary', label: t('recommendation.summary') },
              amountCents: { id: 'recommendation-amount', label: t('recommendation.amount') },
            }}
          />
          <Stack gap="sm" maw={640}>
            <NativeSelect
              label={t('recommendation.choice')}
              value={choice}
              w={260}
              onChange={(e) => setChoice(e.currentTarget.value)}
              data={(['approve', 'approve_partly', 'reject'] as const).map((o) => ({ value: o, label: t(`recommendation.options.${o}`) }))}
            />
            {choice === 'approve_partly' ? (
              <MoneyField
                id="recommendation-amount"
                label={t('recommendation.amount')}
                value={amount}
                onChange={setAmount}
                error={report?.fields.amountCents}
              />
            ) : null}
            <Textarea
              id="recommendation-summary"
              label={t('recommendation.summary')}
              required
              value={summary}
              autosize
              minRows={2}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={report?.fields.summary}
            />
            <Group>
              <Button type="submit" variant="default" loading={recommend.isPending}>
                {t('recommendation.save')}
              </Button>
              <SavedStatus message={saved} />
            </Group>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}

/** The decision: approved, partly approved with the amount, or rejected; a refusal for lack of funds comes back as 409. */
export function DecisionSection({ application: a }: { application: Application }) {
  const t = useFundingT();
  const decide = useDecide();
  const [outcome, setOutcome] = useState('approved');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [exception, setException] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  if (a.status !== 'in_review') return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (outcome === 'partly_approved' && inputToCents(amount) === null) {
      setReport(inputReport({ amountCents: t('common.amountInvalid') }));
      return;
    }
    try {
      await decide.mutateAsync({
        id: a.id,
        body: {
          version: a.version,
          outcome: outcome as 'approved',
          amountCents: outcome === 'partly_approved' ? inputToCents(amount) : null,
          reason,
          smallGrantException: exception.trim() || null,
        },
      });
      setReport(null);
    } catch (err) {
      setReport(describeError(err));
    }
  }
  return (
    <Section id="decision" title={t('decision.title')}>
      <Text size="sm" mb="sm">
        {t('decision.requested', { amount: euro(a.financing.requestedCents) })}
      </Text>
      <ErrorSummary
        report={report}
        fields={{
          amountCents: { id: 'decision-amount', label: t('decision.amount') },
          smallGrantException: { id: 'decision-exception', label: t('decision.exception') },
        }}
      />
      <form onSubmit={submit} noValidate aria-label={t('decision.title')}>
        <Stack gap="sm" maw={640}>
          <Radio.Group label={t('decision.outcome')} value={outcome} onChange={setOutcome}>
            <Stack gap={6} mt={6}>
              {(['approved', 'partly_approved', 'rejected'] as const).map((o) => (
                <Radio key={o} value={o} label={t(`status.application.${o}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {outcome === 'partly_approved' ? (
            <MoneyField
              id="decision-amount"
              label={t('decision.amount')}
              required
              value={amount}
              onChange={setAmount}
              error={report?.fields.amountCents}
            />
          ) : null}
          <Textarea label={t('decision.reason')} value={reason} autosize minRows={2} onChange={(e) => setReason(e.currentTarget.value)} />
          <Textarea
            id="decision-exception"
            label={t('decision.exception')}
            description={t('decision.exceptionHint')}
            value={exception}
            autosize
            minRows={1}
            onChange={(e) => setException(e.currentTarget.value)}
            error={report?.fields.smallGrantException}
          />
          <Group>
            <Button type="submit" loading={decide.isPending}>
              {t('decision.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The programme's figures of one application at a glance (used by staff on the decision). */
export function CostTables({ application: a }: { application: Application }) {
  const t = useFundingT();
  return (
    <Stack gap="md">
      <TableFrame label={t('plan.costPlan')} minWidth={640}>
        <Table>
          <caption className="visually-hidden">{t('plan.costPlan')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plan.columns.category')}</Table.Th>
              <Table.Th scope="col">{t('plan.columns.description')}</Table.Th>
              <Table.Th scope="col">{t('plan.columns.staff')}</Table.Th>
              <Table.Th scope="col">{t('plan.columns.eligible')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('plan.columns.amount')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.costItems.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{t(`categories.${i.category}`)}</Table.Td>
                <Table.Td>{i.description}</Table.Td>
                <Table.Td>{i.payGrade ? `TV-L ${i.payGrade}, ${i.months} ${t('plan.monthsShort')}` : '–'}</Table.Td>
                <Table.Td>{i.eligible ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td ta="right">{euro(i.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      <TableFrame label={t('plan.financing')} minWidth={420}>
        <Table>
          <caption className="visually-hidden">{t('plan.financing')}</caption>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.total')}</Table.Th>
              <Table.Td ta="right">{euro(a.totals.totalCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.eligibleTotal')}</Table.Th>
              <Table.Td ta="right">{euro(a.totals.eligibleCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.own')}</Table.Th>
              <Table.Td ta="right">{euro(a.financing.ownCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.ownInKind')}</Table.Th>
              <Table.Td ta="right">{euro(a.financing.ownInKindCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.thirdParty')}</Table.Th>
              <Table.Td ta="right">{euro(a.financing.thirdPartyCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('plan.requested')}</Table.Th>
              <Table.Td ta="right">{euro(a.financing.requestedCents)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </TableFrame>
    </Stack>
  );
}
