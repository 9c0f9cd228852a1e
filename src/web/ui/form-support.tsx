import { useState } from 'react';
import { describeError, type ErrorReport } from '../lib/api-client.ts';
import { Callout } from './callout.tsx';
import type { FieldRef } from './error-summary.tsx';

/** Field references for the error summary: the input id and its visible label, per field name. */
export function fieldRefs(prefix: string, labels: Record<string, string>): Record<string, FieldRef> {
  return Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, { id: `${prefix}-${name}`, label }]));
}

/** The state of one form's submission: the error report, a confirmation, and a submit wrapper. */
export function useSubmission() {
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>, confirmation: string): Promise<boolean> {
    setDone(null);
    try {
      await action();
      setReport(null);
      setDone(confirmation);
      return true;
    } catch (err) {
      setReport(describeError(err));
      return false;
    }
  }
  return { report, setReport, done, run, errors: report?.fields ?? {} };
}

/** A polite live region for a form's confirmation (present from the start, so it is announced). */
export function Confirmation({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {text ? <Callout tone="success">{text}</Callout> : null}
    </div>
  );
}
