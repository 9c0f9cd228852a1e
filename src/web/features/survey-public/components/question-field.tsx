/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SurveyAnswers, SurveyAnswerValue, SurveyQuestion } from '../../../../shared/survey-questionnaire.ts';
import { fellBack, type Lang, loc, matrixDomId, optionDomId, questionDomId } from '../answer-model.ts';
import { surveyT } from '../texts.ts';
import '../../../light/controls.css';
import '../survey-public.css';

/*
 * One question of a questionnaire, in the five types, as native form controls (Preact, no
 * component library; decision 040): single choice = a radio group in a fieldset, multiple
 * choice = a checkbox group, matrix = one radio group per row inside the question's fieldset,
 * number = a text field for whole numbers, free text = a text area with the characters left. The
 * question text is the legend or label, the hint and the error are tied to the controls with
 * aria-describedby, and an error marks the controls aria-invalid. Used by the public
 * questionnaire, and through react-bridge.tsx by the editor's preview and paper entry.
 */

export interface QuestionFieldProps {
  question: SurveyQuestion;
  value: SurveyAnswerValue | undefined;
  onChange(value: SurveyAnswerValue | undefined): void;
  /** Messages by path: `questionId` or `questionId.rowCode`. */
  errors: Record<string, string>;
  lang: Lang;
  /** Prefix of element ids and radio names, so two forms can stand on one page. */
  idPrefix: string;
}

function RequiredMark({ required, lang }: { required: boolean; lang: Lang }) {
  return required ? <span className="sq-required"> ({surveyT(lang)('question.required')})</span> : null;
}

/** The question text (in German where no translation exists, marked as German). */
function QText({ text, lang }: { text: SurveyQuestion['text']; lang: Lang }) {
  return <span lang={fellBack(text, lang) ? 'de' : undefined}>{loc(text, lang)}</span>;
}

function describedBy(...ids: Array<string | null | false | undefined>): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={id} className="sq-hint">
      {children}
    </p>
  );
}

function ErrorText({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={id} className="sq-error-text">
      {children}
    </p>
  );
}

/** A radio button or checkbox with its label beside it. */
function Choice(props: {
  type: 'radio' | 'checkbox';
  id: string;
  name?: string;
  value: string;
  label: string;
  checked: boolean;
  invalid: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="sq-choice">
      <input
        type={props.type}
        id={props.id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}

function SingleField({
  question: q,
  value,
  onChange,
  errors,
  lang,
  idPrefix,
}: QuestionFieldProps & { question: Extract<SurveyQuestion, { type: 'single' }> }) {
  const t = surveyT(lang);
  const base = questionDomId(idPrefix, q.id);
  const error = errors[q.id];
  const helpId = q.help ? `${base}-help` : null;
  const errorId = error ? `${base}-error` : null;
  const chosen = typeof value === 'string' ? value : undefined;
  return (
    <fieldset className="sq-fieldset" id={base} aria-describedby={describedBy(helpId, errorId)} data-question={q.id}>
      <legend className="sq-legend">
        <QText text={q.text} lang={lang} />
        <RequiredMark required={q.required} lang={lang} />
      </legend>
      {q.help ? <Hint id={helpId!}>{loc(q.help, lang)}</Hint> : null}
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
      <div className="sq-choices">
        {q.options.map((o) => (
          <Choice
            key={o.code}
            type="radio"
            id={optionDomId(idPrefix, q.id, o.code)}
            name={`${idPrefix}${q.id}`}
            value={o.code}
            label={loc(o.label, lang)}
            checked={chosen === o.code}
            invalid={!!error}
            onChange={() => onChange(o.code)}
          />
        ))}
      </div>
      {!q.required && chosen !== undefined ? (
        <button type="button" className="sq-button sq-button-subtle sq-button-small" onClick={() => onChange(undefined)}>
          {t('question.clearChoice')}
        </button>
      ) : null}
    </fieldset>
  );
}

function MultiField({
  question: q,
  value,
  onChange,
  errors,
  lang,
  idPrefix,
}: QuestionFieldProps & { question: Extract<SurveyQuestion, { type: 'multi' }> }) {
  const t = surveyT(lang);
  const [limitHit, setLimitHit] = useState(false);
  const base = questionDomId(idPrefix, q.id);
  const error = errors[q.id];
  const hintId = `${base}-hint`;
  const errorId = error ? `${base}-error` : null;
  const chosen = Array.isArray(value) ? value : [];
  const hint = [q.help ? loc(q.help, lang) : '', q.maxChoices ? t('question.maxChoices', { count: q.maxChoices }) : t('question.multiHint')]
    .filter(Boolean)
    .join(' ');

  function toggle(code: string, on: boolean) {
    if (on) {
      if (q.maxChoices !== undefined && chosen.length >= q.maxChoices) {
        setLimitHit(true);
        // The box stays as the answers say (the browser has already ticked it).
        onChange(chosen.length ? [...chosen] : undefined);
        return;
      }
      setLimitHit(false);
      // Keep the questionnaire's order, whatever the order of clicks.
      const next = new Set([...chosen, code]);
      onChange(q.options.map((o) => o.code).filter((c) => next.has(c)));
    } else {
      setLimitHit(false);
      const next = chosen.filter((c) => c !== code);
      onChange(next.length ? next : undefined);
    }
  }

  return (
    <fieldset className="sq-fieldset" id={base} aria-describedby={describedBy(hintId, errorId)} data-question={q.id}>
      <legend className="sq-legend">
        <QText text={q.text} lang={lang} />
        <RequiredMark required={q.required} lang={lang} />
      </legend>
      <Hint id={hintId}>{hint}</Hint>
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
      <div className="sq-choices">
        {q.options.map((o) => (
          <Choice
            key={o.code}
            type="checkbox"
            id={optionDomId(idPrefix, q.id, o.code)}
            value={o.code}
            label={loc(o.label, lang)}
            checked={chosen.includes(o.code)}
            invalid={!!error}
            onChange={(on) => toggle(o.code, on)}
          />
        ))}
      </div>
      <div role="status" aria-live="polite" className="sq-limit">
        {limitHit ? <p className="sq-limit-text">{t('question.limitReached', { count: q.maxChoices })}</p> : null}
      </div>
    </fieldset>
  );
}

function MatrixField({
  question: q,
  value,
  onChange,
  errors,
  lang,
  idPrefix,
}: QuestionFieldProps & { question: Extract<SurveyQuestion, { type: 'matrix' }> }) {
  const base = questionDomId(idPrefix, q.id);
  const error = errors[q.id];
  const helpId = q.help ? `${base}-help` : null;
  const errorId = error ? `${base}-error` : null;
  const current: Record<string, string> = value && typeof value === 'object' && !Array.isArray(value) ? value : {};

  function choose(row: string, scale: string) {
    onChange({ ...current, [row]: scale });
  }

  return (
    <fieldset className="sq-fieldset" id={base} aria-describedby={describedBy(helpId, errorId)} data-question={q.id}>
      <legend className="sq-legend">
        <QText text={q.text} lang={lang} />
        <RequiredMark required={q.required} lang={lang} />
      </legend>
      {q.help ? <Hint id={helpId!}>{loc(q.help, lang)}</Hint> : null}
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
      <div className="sq-matrix">
        {q.rows.map((r) => {
          const rowError = errors[`${q.id}.${r.code}`];
          const rowErrorId = rowError ? `${base}-${r.code}-error` : null;
          return (
            <fieldset key={r.code} className="sq-matrix-row" aria-describedby={describedBy(rowErrorId)} data-row={r.code}>
              <legend className="sq-row-legend" lang={fellBack(r.label, lang) ? 'de' : undefined}>
                {loc(r.label, lang)}
              </legend>
              {rowError ? <ErrorText id={rowErrorId!}>{rowError}</ErrorText> : null}
              <div className="sq-choices sq-choices-row">
                {q.scale.map((s) => (
                  <Choice
                    key={s.code}
                    type="radio"
                    id={matrixDomId(idPrefix, q.id, r.code, s.code)}
                    name={`${idPrefix}${q.id}.${r.code}`}
                    value={s.code}
                    label={loc(s.label, lang)}
                    checked={current[r.code] === s.code}
                    invalid={!!(error || rowError)}
                    onChange={() => choose(r.code, s.code)}
                  />
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A labelled text field or text area with its description and error, as the number and free-text questions use. */
function TextControl(props: {
  id: string;
  question: SurveyQuestion;
  lang: Lang;
  description: string;
  error: string | undefined;
  value: string;
  multiline: boolean;
  onInput(value: string): void;
}) {
  const { id, error } = props;
  const descriptionId = `${id}-description`;
  const errorId = error ? `${id}-error` : null;
  const common = {
    id,
    className: `sq-input${error ? ' sq-input-invalid' : ''}`,
    value: props.value,
    'aria-describedby': describedBy(descriptionId, errorId),
    'aria-invalid': error ? true : undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <>
      <label htmlFor={id} className="sq-label">
        <QText text={props.question.text} lang={props.lang} />
        <RequiredMark required={props.question.required} lang={props.lang} />
      </label>
      <p id={descriptionId} className="sq-hint">
        {props.description}
      </p>
      {props.multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" inputMode="numeric" autoComplete="off" />}
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
    </>
  );
}

function NumberField({
  question: q,
  value,
  onChange,
  errors,
  lang,
  idPrefix,
}: QuestionFieldProps & { question: Extract<SurveyQuestion, { type: 'number' }> }) {
  const t = surveyT(lang);
  const unit = q.unit ? loc(q.unit, lang) : '';
  const range = t('question.numberRange', { min: q.min, max: q.max }) + (unit ? ` ${t('question.unit', { unit })}` : '');
  return (
    <div className="sq-field sq-field-number" data-question={q.id}>
      <TextControl
        id={questionDomId(idPrefix, q.id)}
        question={q}
        lang={lang}
        description={[q.help ? loc(q.help, lang) : '', range].filter(Boolean).join(' ')}
        error={errors[q.id]}
        value={value === undefined ? '' : String(value)}
        multiline={false}
        onInput={(v) => onChange(v === '' ? undefined : v)}
      />
    </div>
  );
}

function TextField({
  question: q,
  value,
  onChange,
  errors,
  lang,
  idPrefix,
}: QuestionFieldProps & { question: Extract<SurveyQuestion, { type: 'text' }> }) {
  const t = surveyT(lang);
  const text = typeof value === 'string' ? value : '';
  const left = q.maxLength - text.length;
  const counter =
    left >= 0
      ? t('question.charactersLeft', { count: left, max: q.maxLength })
      : t('question.charactersOver', { count: -left, max: q.maxLength });
  // Announced only when crossing a threshold, not at every key press.
  const announce = left < 0 ? t('question.tooLongNow', { max: q.maxLength }) : left <= 100 ? t('question.fewLeft') : '';
  return (
    <div className="sq-field" data-question={q.id}>
      <TextControl
        id={questionDomId(idPrefix, q.id)}
        question={q}
        lang={lang}
        description={[q.help ? loc(q.help, lang) : '', counter].filter(Boolean).join(' · ')}
        error={errors[q.id]}
        value={text}
        multiline
        onInput={(v) => onChange(v === '' ? undefined : v)}
      />
      <div role="status" aria-live="polite" className="visually-hidden">
        {announce}
      </div>
    </div>
  );
}

/** One question in its type's controls. */
export function QuestionField(props: QuestionFieldProps) {
  const q = props.question;
  switch (q.type) {
    case 'single':
      return <SingleField {...props} question={q} />;
    case 'multi':
      return <MultiField {...props} question={q} />;
    case 'matrix':
      return <MatrixField {...props} question={q} />;
    case 'number':
      return <NumberField {...props} question={q} />;
    case 'text':
      return <TextField {...props} question={q} />;
  }
}

export interface QuestionListProps {
  questions: SurveyQuestion[];
  answers: SurveyAnswers;
  onChange(answers: SurveyAnswers): void;
  errors: Record<string, string>;
  lang: Lang;
  idPrefix: string;
}

/** The given questions one under another, each answer written back into `answers`. */
export function QuestionList(props: QuestionListProps) {
  return (
    <div className="sq-questions">
      {props.questions.map((q) => (
        <QuestionField
          key={q.id}
          question={q}
          value={props.answers[q.id]}
          errors={props.errors}
          lang={props.lang}
          idPrefix={props.idPrefix}
          onChange={(v) => {
            const next = { ...props.answers };
            if (v === undefined) delete next[q.id];
            else next[q.id] = v;
            props.onChange(next);
          }}
        />
      ))}
    </div>
  );
}
