import { Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SurveyAnswers, SurveyAnswerValue, SurveyQuestion } from '../../../../shared/survey-questionnaire.ts';
import { fellBack, type Lang, loc, matrixDomId, optionDomId, questionDomId } from '../answer-model.ts';
import { useSurveyPublicT } from '../i18n.ts';
import '../survey-public.css';

/*
 * One question of a questionnaire, in the five types, as native form controls:
 * single choice = a radio group in a fieldset, multiple choice = a checkbox group, matrix = one
 * radio group per row inside the question's fieldset, number = a text field for whole numbers,
 * free text = a text area with the characters left. The question text is the legend or label,
 * the hint and the error are tied to the controls with aria-describedby, and an error marks the
 * controls aria-invalid. Used by the public questionnaire, the editor's preview and paper entry.
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
  const t = useSurveyPublicT(lang);
  return required ? <span className="sq-required"> ({t('question.required')})</span> : null;
}

/** The question text (in German where no translation exists, marked as German). */
function QText({ text, lang }: { text: SurveyQuestion['text']; lang: Lang }) {
  return <span lang={fellBack(text, lang) ? 'de' : undefined}>{loc(text, lang)}</span>;
}

function describedBy(...ids: Array<string | null | false | undefined>): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function Hint({ id, children }: { id: string; children: string }) {
  return (
    <Text id={id} size="sm" c="dimmed" mb={6}>
      {children}
    </Text>
  );
}

function ErrorText({ id, children }: { id: string; children: string }) {
  return (
    <Text id={id} size="sm" c="red.9" fw={600} mb={6}>
      {children}
    </Text>
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
  const t = useSurveyPublicT(lang);
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
      <Stack gap={8}>
        {q.options.map((o) => (
          <Radio
            key={o.code}
            id={optionDomId(idPrefix, q.id, o.code)}
            name={`${idPrefix}${q.id}`}
            value={o.code}
            label={loc(o.label, lang)}
            checked={chosen === o.code}
            onChange={() => onChange(o.code)}
            aria-invalid={error ? true : undefined}
          />
        ))}
      </Stack>
      {!q.required && chosen !== undefined ? (
        <Button variant="subtle" size="compact-sm" mt={6} onClick={() => onChange(undefined)}>
          {t('question.clearChoice')}
        </Button>
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
  const t = useSurveyPublicT(lang);
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
      <Stack gap={8}>
        {q.options.map((o) => (
          <Checkbox
            key={o.code}
            id={optionDomId(idPrefix, q.id, o.code)}
            value={o.code}
            label={loc(o.label, lang)}
            checked={chosen.includes(o.code)}
            onChange={(e) => toggle(o.code, e.currentTarget.checked)}
            aria-invalid={error ? true : undefined}
          />
        ))}
      </Stack>
      <div role="status" aria-live="polite" className="sq-limit">
        {limitHit ? (
          <Text size="sm" fw={600} c="orange.9" mt={6}>
            {t('question.limitReached', { count: q.maxChoices })}
          </Text>
        ) : null}
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
              <Group gap="md" wrap="wrap">
                {q.scale.map((s) => (
                  <Radio
                    key={s.code}
                    id={matrixDomId(idPrefix, q.id, r.code, s.code)}
                    name={`${idPrefix}${q.id}.${r.code}`}
                    value={s.code}
                    label={loc(s.label, lang)}
                    checked={current[r.code] === s.code}
                    onChange={() => choose(r.code, s.code)}
                    aria-invalid={error || rowError ? true : undefined}
                  />
                ))}
              </Group>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
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
  const t = useSurveyPublicT(lang);
  const id = questionDomId(idPrefix, q.id);
  const unit = q.unit ? loc(q.unit, lang) : '';
  const range = t('question.numberRange', { min: q.min, max: q.max }) + (unit ? ` ${t('question.unit', { unit })}` : '');
  const description = [q.help ? loc(q.help, lang) : '', range].filter(Boolean).join(' ');
  const text = value === undefined ? '' : String(value);
  return (
    <TextInput
      id={id}
      data-question={q.id}
      label={
        <>
          <QText text={q.text} lang={lang} />
          <RequiredMark required={q.required} lang={lang} />
        </>
      }
      description={description}
      error={errors[q.id]}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      w={{ base: '100%', xs: 260 }}
      className="sq-field"
      onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
    />
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
  const t = useSurveyPublicT(lang);
  const id = questionDomId(idPrefix, q.id);
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
      <Textarea
        id={id}
        label={
          <>
            <QText text={q.text} lang={lang} />
            <RequiredMark required={q.required} lang={lang} />
          </>
        }
        description={[q.help ? loc(q.help, lang) : '', counter].filter(Boolean).join(' · ')}
        error={errors[q.id]}
        value={text}
        autosize
        minRows={3}
        maxRows={12}
        onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
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

/** The given questions one under another, each answer written back into `answers`. */
export function QuestionList(props: {
  questions: SurveyQuestion[];
  answers: SurveyAnswers;
  onChange(answers: SurveyAnswers): void;
  errors: Record<string, string>;
  lang: Lang;
  idPrefix: string;
}) {
  return (
    <Stack gap="xl">
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
    </Stack>
  );
}
