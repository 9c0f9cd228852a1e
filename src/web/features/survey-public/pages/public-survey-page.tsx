import { Alert, Button, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import { formatSurveyCode } from '../../../../shared/survey-code.ts';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-client.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading } from '../../../ui/query-status.tsx';
import {
  forgetCode,
  normaliseCode,
  type OpenedSurvey,
  openSurvey,
  rememberCode,
  rememberedCode,
  useSaveDraft,
  useSubmitSurvey,
} from '../api.ts';
import {
  answerPathOf,
  answeredCount,
  checkAnswers,
  cleanAnswers,
  firstStepWith,
  focusIdOf,
  type Lang,
  loc,
  pathLabel,
  resumeStep,
  shownQuestions,
  visibleSections,
} from '../answer-model.ts';
import { QuestionList } from '../components/question-field.tsx';
import { messageTexts, type SurveyPublicT, useSurveyPublicT } from '../i18n.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

/*
 * The public questionnaire (no sign-in, no cookie): the respondent enters the access code from
 * the letter (or arrives with it in the address from the QR code), answers one section per step,
 * the draft is saved at each step, and the last step submits. The code leaves the address bar at
 * once and lives only in this tab's sessionStorage (see api.ts).
 */

const CODE_FIELD = 'survey-code';
/** The questionnaire's address; the letter's QR code adds the access code as a last segment. */
export const PUBLIC_SURVEY_PATH = '/befragung';

/** The access code in the address (`/befragung/<code>`), or ''. The page is its own entry, without a router. */
function codeInAddress(): string {
  const rest = window.location.pathname.slice(PUBLIC_SURVEY_PATH.length).replace(/^\/+|\/+$/g, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return '';
  }
}
const ID_PREFIX = 'sq-';

type Phase =
  { kind: 'code' } | { kind: 'opening' } | { kind: 'intro' } | { kind: 'step'; index: number } | { kind: 'paused' } | { kind: 'done' };

function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'de';
}

/** Moves focus to an element once it is rendered (after a step change or an error). */
function useFocusTarget(): [React.RefObject<HTMLElement | null>, () => void] {
  const ref = useRef<HTMLElement | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick === 0) return;
    const el = ref.current;
    if (el) {
      el.tabIndex = -1;
      el.focus();
    }
  }, [tick]);
  return [ref, useCallback(() => setTick((n) => n + 1), [])];
}

function CodeForm(props: { initial: string; report: ErrorReport | null; busy: boolean; onOpen(code: string): void }) {
  const t = useSurveyPublicT();
  const [code, setCode] = useState(props.initial);
  const fields: Record<string, FieldRef> = { code: { id: CODE_FIELD, label: t('code.label') } };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onOpen(code);
  };
  return (
    <>
      <PageHeader title={t('code.title')} intro={t('code.intro')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" maw={560}>
        <ErrorSummary report={props.report} fields={fields} />
        <form onSubmit={submit} noValidate aria-label={t('code.formLabel')}>
          <Stack>
            <TextInput
              id={CODE_FIELD}
              label={t('code.label')}
              description={t('code.hint')}
              required
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={props.report?.fields.code}
            />
            <div>
              <Button type="submit" loading={props.busy}>
                {t('code.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" c="dimmed" mt="lg" maw={560}>
        {t('code.privacy')}
      </Text>
    </>
  );
}

function Questionnaire({ code, opened, onLeave }: { code: string; opened: OpenedSurvey; onLeave(kind: 'paused' | 'done'): void }) {
  const t = useSurveyPublicT();
  const lang = useLang();
  const def = opened.definition;
  const [answers, setAnswers] = useState<SurveyAnswers>(opened.answers ?? {});
  const resumed = answeredCount(def, opened.answers ?? {}) > 0;
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(0);
  const save = useSaveDraft();
  const submit = useSubmitSurvey();
  const [headingRef, focusHeading] = useFocusTarget();
  const [summaryRef, focusSummary] = useFocusTarget();
  const texts = useMemo(() => messageTexts(t), [t]);

  const sections = visibleSections(def, answers);
  const index = phase.kind === 'step' ? Math.min(phase.index, sections.length - 1) : 0;
  const section = sections[index];
  const isLast = index === sections.length - 1;

  const fieldRefs = useMemo(() => {
    const out: Record<string, FieldRef> = {};
    for (const path of Object.keys(errors)) out[path] = { id: focusIdOf(def, ID_PREFIX, path), label: pathLabel(def, path, lang) };
    return out;
  }, [errors, def, lang]);

  function showErrors(byPath: Record<string, string>, title: string) {
    setErrors(byPath);
    setReport({ title, fields: byPath, status: 400 });
    focusSummary();
  }

  function goTo(next: number) {
    setErrors({});
    setReport(null);
    setPhase({ kind: 'step', index: next });
    focusHeading();
    window.scrollTo({ top: 0 });
  }

  /** A failed save or submit: field errors go to their questions (and step), others stay general. */
  function failed(err: unknown) {
    const base = describeError(err);
    const byPath: Record<string, string> = {};
    for (const e of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
      const path = answerPathOf(fieldPathOf(e.field)) ?? answerPathOf(e.field);
      if (path) byPath[path] ??= e.message;
    }
    if (Object.keys(byPath).length) {
      const step = firstStepWith(sections, Object.keys(byPath));
      if (step >= 0 && step !== index) setPhase({ kind: 'step', index: step });
    }
    setErrors(byPath);
    setReport({ ...base, fields: byPath });
    focusSummary();
  }

  async function saveDraft(): Promise<boolean> {
    try {
      await save.mutateAsync({ code, answers: cleanAnswers(def, answers).answers });
      setSaved((n) => n + 1);
      return true;
    } catch (err) {
      failed(err);
      return false;
    }
  }

  async function next() {
    if (!section) return;
    const ids = new Set(shownQuestions(section, def, answers).map((q) => q.id));
    const found = checkAnswers(def, answers, { questionIds: ids, complete: true, lang, texts });
    if (Object.keys(found).length) return showErrors(found, t('errors.title'));
    if (await saveDraft()) goTo(index + 1);
  }

  async function pause() {
    const found = checkAnswers(def, answers, { questionIds: null, complete: false, lang, texts });
    if (Object.keys(found).length) {
      const step = firstStepWith(sections, Object.keys(found));
      if (step >= 0) setPhase({ kind: 'step', index: step });
      return showErrors(found, t('errors.title'));
    }
    if (await saveDraft()) onLeave('paused');
  }

  async function finish() {
    const found = checkAnswers(def, answers, { questionIds: null, complete: true, lang, texts });
    if (Object.keys(found).length) {
      const step = firstStepWith(sections, Object.keys(found));
      if (step >= 0) setPhase({ kind: 'step', index: step });
      return showErrors(found, t('errors.title'));
    }
    try {
      await submit.mutateAsync({ code, answers: cleanAnswers(def, answers).answers });
      onLeave('done');
    } catch (err) {
      failed(err);
    }
  }

  const title = loc(def.title, lang) || opened.survey.title;

  if (phase.kind === 'intro') {
    return (
      <>
        <PageHeader title={title} />
        <Stack className="sq-step" gap="md">
          {def.intro ? <Text>{loc(def.intro, lang)}</Text> : null}
          <Text>{t('intro.fieldEnd', { date: formatDate(opened.survey.fieldEnd, currentLanguage(), 'long') })}</Text>
          <Text>{t('intro.steps', { count: sections.length })}</Text>
          {resumed ? <Callout tone="info">{t('intro.resumed', { count: answeredCount(def, answers) })}</Callout> : null}
          <Text size="sm" c="dimmed">
            {t('intro.language')}
          </Text>
          <div>
            <Button onClick={() => goTo(resumed ? resumeStep(def, answers) : 0)}>{resumed ? t('intro.continue') : t('intro.start')}</Button>
          </div>
        </Stack>
      </>
    );
  }

  if (!section) return <Loading />;
  const percent = Math.round(((index + 1) / sections.length) * 100);

  return (
    <>
      <PageHeader title={title} />
      <div className="sq-step">
        <Text fw={600} mb={4} id="sq-progress-label">
          {t('step.progress', { n: index + 1, total: sections.length })}
        </Text>
        <Progress value={percent} aria-hidden="true" mb="lg" size="lg" color="#1a549f" />
        <div role="status" aria-live="polite" className="sq-saved">
          {saved > 0 ? (
            <Callout tone="success" mb="sm" key={saved}>
              {t('step.saved')}
            </Callout>
          ) : null}
        </div>
        <div
          ref={(el) => {
            summaryRef.current = el;
          }}
        >
          {report && Object.keys(report.fields).length === 0 ? (
            <Alert color="red.9" variant="outline" title={report.title} mb="md">
              {report.detail}
            </Alert>
          ) : (
            <ErrorSummary report={report} fields={fieldRefs} />
          )}
        </div>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void (isLast ? finish() : next());
          }}
          aria-labelledby="sq-step-heading"
        >
          <Title
            order={2}
            fz="xl"
            mb="lg"
            id="sq-step-heading"
            ref={(el) => {
              headingRef.current = el;
            }}
          >
            <span lang={lang === 'en' && !section.title.en.trim() ? 'de' : undefined}>{loc(section.title, lang)}</span>
          </Title>
          <QuestionList
            questions={shownQuestions(section, def, answers)}
            answers={answers}
            onChange={setAnswers}
            errors={errors}
            lang={lang}
            idPrefix={ID_PREFIX}
          />
          <div className="sq-actions">
            <Button type="submit" loading={save.isPending || submit.isPending}>
              {isLast ? t('step.submit') : t('step.next')}
            </Button>
            {index > 0 ? (
              <Button variant="default" onClick={() => goTo(index - 1)}>
                {t('step.back')}
              </Button>
            ) : null}
            <Button variant="subtle" onClick={() => void pause()}>
              {t('step.pause')}
            </Button>
          </div>
          {isLast ? (
            <Text size="sm" c="dimmed" mt="sm">
              {t('step.submitHint')}
            </Text>
          ) : null}
        </form>
      </div>
    </>
  );
}

/** A problem of the open call as a message at the code field (unknown or used code, closed period …). */
function codeReport(err: unknown, t: SurveyPublicT): ErrorReport {
  const base = describeError(err);
  const message = base.detail ?? base.title;
  if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429)
    return { title: t('code.problem'), fields: { code: message }, status: base.status };
  return base;
}

export function PublicSurveyPage() {
  const t = useSurveyPublicT();
  const [phase, setPhase] = useState<'code' | 'opening' | 'open' | 'paused' | 'done'>('opening');
  const [code, setCode] = useState('');
  const [opened, setOpened] = useState<OpenedSurvey | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    // A new page within the page (interrupted, thanks): its heading takes the focus.
    if (focusTick === 0) return;
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [focusTick]);

  const open = useCallback(
    async (raw: string) => {
      const c = normaliseCode(raw);
      setCode(c);
      if (!c) {
        setReport({ title: t('code.problem'), fields: { code: t('code.missing') }, status: 400 });
        setPhase('code');
        return;
      }
      setPhase('opening');
      setReport(null);
      try {
        const result = await openSurvey(c);
        rememberCode(c);
        setOpened(result);
        setPhase('open');
      } catch (err) {
        forgetCode();
        setReport(codeReport(err, t));
        setPhase('code');
      }
    },
    [t],
  );

  const arrived = useRef(false);
  useEffect(() => {
    // Once per arrival (React's development mode runs effects twice).
    if (arrived.current) return;
    arrived.current = true;
    // The code from the letter's link leaves the address bar (and the history) at once.
    const inAddress = codeInAddress();
    const fromUrl = inAddress ? normaliseCode(inAddress) : '';
    if (fromUrl) window.history.replaceState(null, '', PUBLIC_SURVEY_PATH);
    const start = fromUrl || rememberedCode();
    if (start) void open(start);
    else setPhase('code');
    // Only on arrival: later changes go through the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on arrival, see above
  }, []);

  function leave(kind: 'paused' | 'done') {
    forgetCode();
    setOpened(null);
    setPhase(kind);
    setFocusTick((n) => n + 1);
  }

  if (phase === 'opening') return <Loading />;
  if (phase === 'open' && opened) return <Questionnaire code={code} opened={opened} onLeave={leave} />;
  if (phase === 'paused') {
    return (
      <>
        <PageHeader title={t('paused.title')} />
        <Stack className="sq-step">
          <Callout tone="success">{t('paused.saved')}</Callout>
          <Text>{t('paused.text')}</Text>
          <Text>
            {t('paused.code')} <strong className="sq-code">{formatSurveyCode(code)}</strong>
          </Text>
          <div>
            <Button variant="default" onClick={() => void open(code)}>
              {t('paused.resume')}
            </Button>
          </div>
        </Stack>
      </>
    );
  }
  if (phase === 'done') {
    return (
      <>
        <PageHeader title={t('done.title')} />
        <Stack className="sq-step">
          <Callout tone="success">{t('done.received')}</Callout>
          <Text>{t('done.text')}</Text>
        </Stack>
      </>
    );
  }
  return <CodeForm key={report ? 'error' : 'fresh'} initial={code} report={report} busy={false} onOpen={(c) => void open(c)} />;
}
