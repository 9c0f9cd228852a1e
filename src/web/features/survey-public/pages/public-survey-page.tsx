/** @jsxImportSource preact */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SurveyAnswers } from '../../../../shared/survey-questionnaire.ts';
import { formatSurveyCode } from '../../../../shared/survey-code.ts';
import { formatDate } from '../../../../shared/time.ts';
import { ApiError, describeError, type ErrorReport, fieldPathOf } from '../../../lib/api-request.ts';
import { Button, Callout, ErrorSummary, type FieldRef } from '../../../light/form.tsx';
import { initialLanguage, Loading, PageTitle, PublicFrame } from '../../../light/public-frame.tsx';
import {
  forgetCode,
  normaliseCode,
  type OpenedSurvey,
  openSurvey,
  rememberCode,
  rememberedCode,
  saveDraft as saveDraftCall,
  submitSurvey,
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
import { messageTexts, type SurveyPublicT, surveyT } from '../texts.ts';

/*
 * The public questionnaire (no sign-in, no cookie), a light entry of its own in Preact with native
 * HTML controls (decision 040): the respondent enters the access code from the letter (or arrives
 * with it in the address from the QR code), answers one section per step, the draft is saved at
 * each step, and the last step submits. The code leaves the address bar at once and lives only in
 * this tab's sessionStorage (see api.ts).
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

type Phase = { kind: 'intro' } | { kind: 'step'; index: number };

/** Moves focus to an element once it is rendered (after a step change or an error). */
function useFocusTarget(): [{ current: HTMLElement | null }, () => void] {
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

function CodeForm(props: { lang: Lang; initial: string; report: ErrorReport | null; onOpen(code: string): void }) {
  const t = surveyT(props.lang);
  const [code, setCode] = useState(props.initial);
  const fields: Record<string, FieldRef> = { code: { id: CODE_FIELD, label: t('code.label') } };
  const error = props.report?.fields.code;
  return (
    <>
      <PageTitle title={t('code.title')} intro={t('code.intro')} />
      <div className="sq-paper">
        <ErrorSummary report={props.report} fields={fields} lang={props.lang} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onOpen(code);
          }}
          noValidate
          aria-label={t('code.formLabel')}
        >
          <div className="sq-field">
            <label htmlFor={CODE_FIELD} className="sq-label sq-label-plain">
              {t('code.label')}
              <span className="sq-asterisk" aria-hidden="true">
                {' *'}
              </span>
            </label>
            <p id={`${CODE_FIELD}-description`} className="sq-hint">
              {t('code.hint')}
            </p>
            <input
              id={CODE_FIELD}
              type="text"
              className={`sq-input sq-input-code${error ? ' sq-input-invalid' : ''}`}
              required
              aria-describedby={`${CODE_FIELD}-description${error ? ` ${CODE_FIELD}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            {error ? (
              <p id={`${CODE_FIELD}-error`} className="sq-error-text">
                {error}
              </p>
            ) : null}
          </div>
          <Button type="submit">{t('code.submit')}</Button>
        </form>
      </div>
      <p className="sq-dimmed sq-small sq-narrow">{t('code.privacy')}</p>
    </>
  );
}

function Questionnaire({
  code,
  opened,
  lang,
  onLeave,
}: {
  code: string;
  opened: OpenedSurvey;
  lang: Lang;
  onLeave(kind: 'paused' | 'done'): void;
}) {
  const t = surveyT(lang);
  const def = opened.definition;
  const [answers, setAnswers] = useState<SurveyAnswers>(opened.answers ?? {});
  const resumed = answeredCount(def, opened.answers ?? {}) > 0;
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(0);
  const [busy, setBusy] = useState(false);
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

  /** Sends a call once at a time (the buttons say they are busy meanwhile); false when it failed. */
  async function send(call: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    try {
      await call();
      return true;
    } catch (err) {
      failed(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function saveDraft(): Promise<boolean> {
    const ok = await send(() => saveDraftCall({ code, answers: cleanAnswers(def, answers).answers }));
    if (ok) setSaved((n) => n + 1);
    return ok;
  }

  async function next() {
    if (!section) return;
    const ids = new Set(shownQuestions(section, def, answers).map((q) => q.id));
    const found = checkAnswers(def, answers, { questionIds: ids, complete: true, lang, texts });
    if (Object.keys(found).length) return showErrors(found, t('errors.title'));
    if (await saveDraft()) goTo(index + 1);
  }

  /** The first step with a problem, and the problems, before a pause or the submission. */
  function problems(complete: boolean): boolean {
    const found = checkAnswers(def, answers, { questionIds: null, complete, lang, texts });
    if (!Object.keys(found).length) return false;
    const step = firstStepWith(sections, Object.keys(found));
    if (step >= 0) setPhase({ kind: 'step', index: step });
    showErrors(found, t('errors.title'));
    return true;
  }

  async function pause() {
    if (problems(false)) return;
    if (await saveDraft()) onLeave('paused');
  }

  async function finish() {
    if (problems(true)) return;
    if (await send(() => submitSurvey({ code, answers: cleanAnswers(def, answers).answers }))) onLeave('done');
  }

  const title = loc(def.title, lang) || opened.survey.title;

  if (phase.kind === 'intro') {
    return (
      <>
        <PageTitle title={title} />
        <div className="sq-step sq-stack">
          {def.intro ? <p>{loc(def.intro, lang)}</p> : null}
          <p>{t('intro.fieldEnd', { date: formatDate(opened.survey.fieldEnd, lang, 'long') })}</p>
          <p>{t('intro.steps', { count: sections.length })}</p>
          {resumed ? <Callout tone="info">{t('intro.resumed', { count: answeredCount(def, answers) })}</Callout> : null}
          <p className="sq-dimmed sq-small">{t('intro.language')}</p>
          <div>
            <Button onClick={() => goTo(resumed ? resumeStep(def, answers) : 0)}>{resumed ? t('intro.continue') : t('intro.start')}</Button>
          </div>
        </div>
      </>
    );
  }

  if (!section) return <Loading lang={lang} />;
  const percent = Math.round(((index + 1) / sections.length) * 100);

  return (
    <>
      <PageTitle title={title} />
      <div className="sq-step">
        <p className="sq-progress-label" id="sq-progress-label">
          {t('step.progress', { n: index + 1, total: sections.length })}
        </p>
        <div className="sq-progress" aria-hidden="true">
          <div className="sq-progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <div role="status" aria-live="polite" className="sq-saved">
          {saved > 0 ? (
            <Callout tone="success" key={saved}>
              {t('step.saved')}
            </Callout>
          ) : null}
        </div>
        <div
          ref={(el) => {
            summaryRef.current = el;
          }}
        >
          <ErrorSummary report={report} fields={fieldRefs} lang={lang} />
        </div>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void (isLast ? finish() : next());
          }}
          aria-labelledby="sq-step-heading"
        >
          <h2
            className="sq-h2"
            id="sq-step-heading"
            ref={(el) => {
              headingRef.current = el;
            }}
          >
            <span lang={lang === 'en' && !section.title.en.trim() ? 'de' : undefined}>{loc(section.title, lang)}</span>
          </h2>
          <QuestionList
            questions={shownQuestions(section, def, answers)}
            answers={answers}
            onChange={setAnswers}
            errors={errors}
            lang={lang}
            idPrefix={ID_PREFIX}
          />
          <div className="sq-actions">
            <Button type="submit" busy={busy}>
              {isLast ? t('step.submit') : t('step.next')}
            </Button>
            {index > 0 ? (
              <Button kind="default" onClick={() => goTo(index - 1)}>
                {t('step.back')}
              </Button>
            ) : null}
            <Button kind="subtle" busy={busy} onClick={() => void pause()}>
              {t('step.pause')}
            </Button>
          </div>
          {isLast ? <p className="sq-dimmed sq-small sq-submit-hint">{t('step.submitHint')}</p> : null}
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

function PublicSurveyPage({ lang }: { lang: Lang }) {
  const t = surveyT(lang);
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

  useEffect(() => {
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

  if (phase === 'opening') return <Loading lang={lang} />;
  if (phase === 'open' && opened) return <Questionnaire code={code} opened={opened} lang={lang} onLeave={leave} />;
  if (phase === 'paused') {
    return (
      <>
        <PageTitle title={t('paused.title')} />
        <div className="sq-step sq-stack">
          <Callout tone="success">{t('paused.saved')}</Callout>
          <p>{t('paused.text')}</p>
          <p>
            {t('paused.code')} <strong className="sq-code">{formatSurveyCode(code)}</strong>
          </p>
          <div>
            <Button kind="default" onClick={() => void open(code)}>
              {t('paused.resume')}
            </Button>
          </div>
        </div>
      </>
    );
  }
  if (phase === 'done') {
    return (
      <>
        <PageTitle title={t('done.title')} />
        <div className="sq-step sq-stack">
          <Callout tone="success">{t('done.received')}</Callout>
          <p>{t('done.text')}</p>
        </div>
      </>
    );
  }
  return <CodeForm key={report ? 'error' : 'fresh'} lang={lang} initial={code} report={report} onOpen={(c) => void open(c)} />;
}

/** The whole light entry: the public frame in the visitor's language (chosen on this device, else German) and the questionnaire. */
export function PublicSurveyApp() {
  const [lang, setLang] = useState<Lang>(initialLanguage);
  return (
    <PublicFrame lang={lang} onLanguage={setLang}>
      <PublicSurveyPage lang={lang} />
    </PublicFrame>
  );
}
