/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ErrorReport } from '../lib/api-request.ts';
import type { Language } from '../lib/language-choice.ts';
import { lightT } from './texts.ts';
import './controls.css';

/*
 * The form pieces of the light entries (decision 040), native HTML controls: a button, a callout,
 * the error summary with links to the fields, a text field with its label, hint and error.
 */

export interface FieldRef {
  /** The id of the input, for the link that moves focus to it. */
  id: string;
  label: string;
}

/** A button; while `busy` it says so and ignores clicks (it stays focusable, unlike a disabled one). */
export function Button(props: {
  kind?: 'filled' | 'default' | 'subtle';
  type?: 'button' | 'submit';
  busy?: boolean;
  onClick?: () => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type={props.type ?? 'button'}
      className={`sq-button sq-button-${props.kind ?? 'filled'}`}
      aria-disabled={props.busy ? true : undefined}
      data-busy={props.busy ? true : undefined}
      onClick={(e) => {
        if (props.busy) {
          e.preventDefault();
          return;
        }
        props.onClick?.();
      }}
    >
      {props.children}
    </button>
  );
}

export function Callout({ tone, children }: { tone: 'info' | 'success'; children: ComponentChildren }) {
  return <div className={`sq-callout sq-callout-${tone}`}>{children}</div>;
}

let reportCount = 0;

/**
 * The error summary of a form: an alert that screen readers announce, naming each field error
 * with a link to its field (GOV.UK pattern). Every new report mounts a new alert, so a repeated
 * error is announced again.
 */
export function ErrorSummary({ report, fields, lang }: { report: ErrorReport | null; fields: Record<string, FieldRef>; lang: Language }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- each new report object mounts a new, announced alert
  const key = useMemo(() => ++reportCount, [report]);
  if (!report) return null;
  const entries = Object.entries(report.fields);
  return (
    <div key={key} role="alert" className="sq-alert">
      <p className="sq-alert-title">{report.title}</p>
      {report.detail && entries.length === 0 ? <p className="sq-alert-text">{report.detail}</p> : null}
      {entries.length > 0 ? (
        <ul className="sq-alert-list">
          {entries.map(([name, message]) => {
            const field = fields[name];
            return (
              <li key={name}>
                {field ? (
                  <a
                    href={`#${field.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(field.id)?.focus();
                    }}
                  >
                    {field.label}: {message}
                  </a>
                ) : (
                  `${lightT(lang)('errors.field')} ${name}: ${message}`
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A labelled text field (a required one marks its label with an asterisk hidden from screen
 * readers), its error below it, tied by `aria-describedby` and `aria-invalid`. A password field
 * with `revealLabel` gets a button that shows the password and hides it again.
 */
export function TextField(props: {
  field: FieldRef;
  type: 'text' | 'email' | 'password';
  value: string;
  onValue(value: string): void;
  autoComplete: string;
  required?: boolean;
  error?: string;
  revealLabel?: string;
}) {
  const { id, label } = props.field;
  const [revealed, setRevealed] = useState(false);
  const errorId = `${id}-error`;
  // Preact types each input type together with the ARIA roles it allows; none is given here.
  const type = (props.type === 'password' && revealed ? 'text' : props.type) as 'text';
  const input = (
    <input
      id={id}
      type={type}
      className={`sq-input${props.error ? ' sq-input-invalid' : ''}`}
      required={props.required}
      aria-describedby={props.error ? errorId : undefined}
      aria-invalid={props.error ? true : undefined}
      autoComplete={props.autoComplete}
      autoCapitalize="off"
      spellcheck={false}
      value={props.value}
      onInput={(e) => props.onValue(e.currentTarget.value)}
    />
  );
  return (
    <div className="sq-field">
      <label htmlFor={id} className="sq-label sq-label-plain">
        {label}
        {props.required ? (
          <span className="sq-asterisk" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {props.revealLabel ? (
        <div className="sq-input-with-button">
          {input}
          <button
            type="button"
            className="sq-reveal"
            aria-label={props.revealLabel}
            aria-pressed={revealed}
            aria-controls={id}
            onClick={() => setRevealed((r) => !r)}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                d={
                  revealed
                    ? 'M3 3l18 18M10.6 6.1A9.8 9.8 0 0 1 12 6c5 0 9 6 9 6a16 16 0 0 1-3 3.4M6.6 6.6C4.3 8.2 3 12 3 12s4 6 9 6a9 9 0 0 0 4.4-1.1M9.9 9.9a3 3 0 0 0 4.2 4.2'
                    : 'M3 12s4-6 9-6 9 6 9 6-4 6-9 6-9-6-9-6zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z'
                }
              />
            </svg>
          </button>
        </div>
      ) : (
        input
      )}
      {props.error ? (
        <p id={errorId} className="sq-error-text">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
