import { Button, Checkbox, Fieldset, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { BeccariaStep, BeccariaSteps, Project, StepCompleteness } from '../../../../shared/projects.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { useUpdateProject } from '../api.ts';
import { useFundingT } from '../i18n.ts';
import { SavedStatus, Section, ToneBadge } from './common.tsx';

/*
 * The seven Beccaria steps, each its own small form with its completeness shown beside the
 * heading; saving a step sends only that step (with the project's version).
 */

type Steps = BeccariaSteps;

function Area(props: { id: string; label: string; value: string; onChange(v: string): void; description?: string; readOnly?: boolean }) {
  return (
    <Textarea
      id={props.id}
      label={props.label}
      description={props.description}
      autosize
      minRows={3}
      maxRows={12}
      value={props.value}
      readOnly={props.readOnly}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

function RemoveButton({ label, onClick, hidden }: { label: string; onClick(): void; hidden?: boolean }) {
  if (hidden) return null;
  return (
    <Button variant="subtle" color="#c92a2a" size="compact-sm" onClick={onClick}>
      {label}
    </Button>
  );
}

function StepForm<K extends BeccariaStep>(props: {
  step: K;
  n: number;
  project: Project;
  completeness: StepCompleteness;
  readOnly: boolean;
  render(value: Steps[K], set: (v: Steps[K]) => void): ReactNode;
}) {
  const t = useFundingT();
  const update = useUpdateProject();
  const [value, setValue] = useState<Steps[K]>(props.project.steps[props.step]);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const id = `step-${props.step}`;
  const c = props.completeness;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    try {
      await update.mutateAsync({
        id: props.project.id,
        body: { version: props.project.version, steps: { [props.step]: value } as Partial<Steps> },
      });
      setReport(null);
      setSaved(t('steps.saved', { n: props.n }));
    } catch (err) {
      setReport(describeError(err, { byPath: true }));
    }
  }

  return (
    <Section id={id} title={t(`steps.${props.step}.title`)} actions={<ToneBadge tone={c.state}>{t(`steps.state.${c.state}`)}</ToneBadge>}>
      {c.missing.length ? (
        <Text size="sm" mb="sm" id={`${id}-missing`}>
          {t('steps.missing')}: {c.missing.map((m) => t(`missing.${m.replace('.', '_') as 'problem_description'}`)).join('; ')}
        </Text>
      ) : null}
      <ErrorSummary report={report} fields={{}} />
      <form onSubmit={submit} noValidate aria-label={t(`steps.${props.step}.title`)}>
        <Stack gap="sm">
          {props.render(value, setValue)}
          {props.readOnly ? null : (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('steps.save', { n: props.n })}
              </Button>
              <SavedStatus message={saved} />
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}

/** All seven step forms of a project. */
export function StepForms({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const c = (s: BeccariaStep) => project.completeness.find((x) => x.step === s)!;
  const common = { project, readOnly };
  return (
    <Stack gap="lg">
      <StepForm
        step="problem"
        n={1}
        completeness={c('problem')}
        {...common}
        render={(v, set) => (
          <>
            <Area
              id="problem-description"
              label={t('steps.problem.description')}
              description={t('steps.problem.descriptionHint')}
              value={v.description}
              readOnly={readOnly}
              onChange={(description) => set({ ...v, description })}
            />
            <Area
              id="problem-evidence"
              label={t('steps.problem.evidence')}
              value={v.evidence}
              readOnly={readOnly}
              onChange={(evidence) => set({ ...v, evidence })}
            />
          </>
        )}
      />
      <StepForm
        step="causes"
        n={2}
        completeness={c('causes')}
        {...common}
        render={(v, set) => (
          <>
            <Area
              id="causes-analysis"
              label={t('steps.causes.analysis')}
              value={v.analysis}
              readOnly={readOnly}
              onChange={(analysis) => set({ ...v, analysis })}
            />
            <Area
              id="causes-risk"
              label={t('steps.causes.riskFactors')}
              value={v.riskFactors}
              readOnly={readOnly}
              onChange={(riskFactors) => set({ ...v, riskFactors })}
            />
            <Area
              id="causes-protective"
              label={t('steps.causes.protectiveFactors')}
              value={v.protectiveFactors}
              readOnly={readOnly}
              onChange={(protectiveFactors) => set({ ...v, protectiveFactors })}
            />
          </>
        )}
      />
      <StepForm
        step="goals"
        n={3}
        completeness={c('goals')}
        {...common}
        render={(v, set) => (
          <>
            {v.goals.map((g, i) => (
              <Fieldset key={i} legend={t('steps.goals.goalN', { n: i + 1 })} p="sm">
                <Stack gap="xs">
                  <TextInput
                    label={t('steps.goals.goalText', { n: i + 1 })}
                    value={g.text}
                    readOnly={readOnly}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      set({ ...v, goals: v.goals.map((x, j) => (j === i ? { ...x, text } : x)) });
                    }}
                  />
                  {g.indicators.map((ind, k) => (
                    <Group key={k} gap="sm" align="flex-end" wrap="wrap">
                      <TextInput
                        label={t('steps.goals.indicator', { n: i + 1, k: k + 1 })}
                        value={ind.text}
                        readOnly={readOnly}
                        miw={240}
                        onChange={(e) => {
                          const text = e.currentTarget.value;
                          set({
                            ...v,
                            goals: v.goals.map((x, j) =>
                              j === i ? { ...x, indicators: x.indicators.map((y, l) => (l === k ? { ...y, text } : y)) } : x,
                            ),
                          });
                        }}
                      />
                      <TextInput
                        label={t('steps.goals.target', { n: i + 1, k: k + 1 })}
                        value={ind.target}
                        readOnly={readOnly}
                        miw={200}
                        onChange={(e) => {
                          const target = e.currentTarget.value;
                          set({
                            ...v,
                            goals: v.goals.map((x, j) =>
                              j === i ? { ...x, indicators: x.indicators.map((y, l) => (l === k ? { ...y, target } : y)) } : x,
                            ),
                          });
                        }}
                      />
                      <RemoveButton
                        hidden={readOnly}
                        label={t('steps.goals.removeIndicator', { n: i + 1, k: k + 1 })}
                        onClick={() =>
                          set({
                            ...v,
                            goals: v.goals.map((x, j) => (j === i ? { ...x, indicators: x.indicators.filter((_, l) => l !== k) } : x)),
                          })
                        }
                      />
                    </Group>
                  ))}
                  {readOnly ? null : (
                    <Group gap="xs">
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() =>
                          set({
                            ...v,
                            goals: v.goals.map((x, j) => (j === i ? { ...x, indicators: [...x.indicators, { text: '', target: '' }] } : x)),
                          })
                        }
                      >
                        {t('steps.goals.addIndicator', { n: i + 1 })}
                      </Button>
                      <RemoveButton
                        label={t('steps.goals.removeGoal', { n: i + 1 })}
                        onClick={() => set({ ...v, goals: v.goals.filter((_, j) => j !== i) })}
                      />
                    </Group>
                  )}
                </Stack>
              </Fieldset>
            ))}
            {readOnly ? null : (
              <div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => set({ ...v, goals: [...v.goals, { text: '', indicators: [{ text: '', target: '' }] }] })}
                >
                  {t('steps.goals.addGoal')}
                </Button>
              </div>
            )}
            {v.targetGroups.map((g, i) => (
              <Group key={i} gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('steps.goals.targetGroup', { n: i + 1 })}
                  value={g.name}
                  readOnly={readOnly}
                  miw={240}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    set({ ...v, targetGroups: v.targetGroups.map((x, j) => (j === i ? { ...x, name } : x)) });
                  }}
                />
                <TextInput
                  label={t('steps.goals.targetGroupDescription', { n: i + 1 })}
                  value={g.description}
                  readOnly={readOnly}
                  miw={240}
                  onChange={(e) => {
                    const description = e.currentTarget.value;
                    set({ ...v, targetGroups: v.targetGroups.map((x, j) => (j === i ? { ...x, description } : x)) });
                  }}
                />
                <RemoveButton
                  hidden={readOnly}
                  label={t('steps.goals.removeTargetGroup', { n: i + 1 })}
                  onClick={() => set({ ...v, targetGroups: v.targetGroups.filter((_, j) => j !== i) })}
                />
              </Group>
            ))}
            {readOnly ? null : (
              <div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => set({ ...v, targetGroups: [...v.targetGroups, { name: '', description: '' }] })}
                >
                  {t('steps.goals.addTargetGroup')}
                </Button>
              </div>
            )}
          </>
        )}
      />
      <StepForm
        step="measures"
        n={4}
        completeness={c('measures')}
        {...common}
        render={(v, set) => (
          <>
            {v.measures.map((m, i) => (
              <Group key={i} gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('steps.measures.measure', { n: i + 1 })}
                  value={m.title}
                  readOnly={readOnly}
                  miw={240}
                  onChange={(e) => {
                    const title = e.currentTarget.value;
                    set({ ...v, measures: v.measures.map((x, j) => (j === i ? { ...x, title } : x)) });
                  }}
                />
                <TextInput
                  label={t('steps.measures.measureDescription', { n: i + 1 })}
                  value={m.description}
                  readOnly={readOnly}
                  miw={300}
                  onChange={(e) => {
                    const description = e.currentTarget.value;
                    set({ ...v, measures: v.measures.map((x, j) => (j === i ? { ...x, description } : x)) });
                  }}
                />
                <RemoveButton
                  hidden={readOnly}
                  label={t('steps.measures.remove', { n: i + 1 })}
                  onClick={() => set({ ...v, measures: v.measures.filter((_, j) => j !== i) })}
                />
              </Group>
            ))}
            {readOnly ? null : (
              <div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => set({ ...v, measures: [...v.measures, { title: '', description: '' }] })}
                >
                  {t('steps.measures.add')}
                </Button>
              </div>
            )}
            <Area
              id="measures-approach"
              label={t('steps.measures.approach')}
              value={v.approach}
              readOnly={readOnly}
              onChange={(approach) => set({ ...v, approach })}
            />
          </>
        )}
      />
      <StepForm
        step="implementation"
        n={5}
        completeness={c('implementation')}
        {...common}
        render={(v, set) => (
          <>
            <Area
              id="implementation-plan"
              label={t('steps.implementation.plan')}
              value={v.plan}
              readOnly={readOnly}
              onChange={(plan) => set({ ...v, plan })}
            />
            {v.milestones.map((m, i) => (
              <Group key={i} gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('steps.implementation.milestone', { n: i + 1 })}
                  value={m.title}
                  readOnly={readOnly}
                  miw={240}
                  onChange={(e) => {
                    const title = e.currentTarget.value;
                    set({ ...v, milestones: v.milestones.map((x, j) => (j === i ? { ...x, title } : x)) });
                  }}
                />
                <TextInput
                  type="date"
                  label={t('steps.implementation.due', { n: i + 1 })}
                  value={m.due}
                  readOnly={readOnly}
                  w={180}
                  onChange={(e) => {
                    const due = e.currentTarget.value;
                    set({ ...v, milestones: v.milestones.map((x, j) => (j === i ? { ...x, due } : x)) });
                  }}
                />
                <Checkbox
                  label={t('steps.implementation.done', { n: i + 1 })}
                  checked={m.done}
                  disabled={readOnly}
                  mb={8}
                  onChange={(e) => {
                    const done = e.currentTarget.checked;
                    set({ ...v, milestones: v.milestones.map((x, j) => (j === i ? { ...x, done } : x)) });
                  }}
                />
                <RemoveButton
                  hidden={readOnly}
                  label={t('steps.implementation.remove', { n: i + 1 })}
                  onClick={() => set({ ...v, milestones: v.milestones.filter((_, j) => j !== i) })}
                />
              </Group>
            ))}
            {readOnly ? null : (
              <div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => set({ ...v, milestones: [...v.milestones, { title: '', due: '', done: false }] })}
                >
                  {t('steps.implementation.add')}
                </Button>
              </div>
            )}
          </>
        )}
      />
      <StepForm
        step="evaluation"
        n={6}
        completeness={c('evaluation')}
        {...common}
        render={(v, set) => (
          <>
            <Area
              id="evaluation-plan"
              label={t('steps.evaluation.plan')}
              value={v.plan}
              readOnly={readOnly}
              onChange={(plan) => set({ ...v, plan })}
            />
            <Area
              id="evaluation-implementation"
              label={t('steps.evaluation.implementationResults')}
              value={v.implementationResults}
              readOnly={readOnly}
              onChange={(implementationResults) => set({ ...v, implementationResults })}
            />
            <Area
              id="evaluation-effect"
              label={t('steps.evaluation.effectResults')}
              value={v.effectResults}
              readOnly={readOnly}
              onChange={(effectResults) => set({ ...v, effectResults })}
            />
          </>
        )}
      />
      <StepForm
        step="conclusions"
        n={7}
        completeness={c('conclusions')}
        {...common}
        render={(v, set) => (
          <>
            <Area
              id="conclusions-conclusions"
              label={t('steps.conclusions.conclusions')}
              value={v.conclusions}
              readOnly={readOnly}
              onChange={(conclusions) => set({ ...v, conclusions })}
            />
            <Area
              id="conclusions-documentation"
              label={t('steps.conclusions.documentation')}
              value={v.documentation}
              readOnly={readOnly}
              onChange={(documentation) => set({ ...v, documentation })}
            />
          </>
        )}
      />
    </Stack>
  );
}
