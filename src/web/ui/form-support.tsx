import { Button, Group, Stack, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { describeError, type ErrorReport } from '../lib/api-client.ts';
import { i18n } from '../lib/i18n.ts';
import { Callout } from './callout.tsx';
import { ErrorSummary, type FieldRef } from './error-summary.tsx';
import { zodFieldErrors } from './form-errors.ts';

/** The report of input that failed the form's own check: one title for every form, and the field errors. */
export function inputReport(fields: Record<string, string>): ErrorReport {
  return { title: i18n.t('errors.checkInput'), fields, status: 400 };
}

/**
 * Checks a form's values with its schema: the parsed data, or null after reporting the field
 * errors (keyed by field name) with `setReport`.
 */
export function parseOrReport<S extends z.ZodType>(
  schema: S,
  values: unknown,
  setReport: (report: ErrorReport) => void,
): z.output<S> | null {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  setReport(inputReport(zodFieldErrors(parsed.error)));
  return null;
}

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

/**
 * A form in a section of its own: the heading that names section and form, the confirmation and
 * the error summary of its submission (`useSubmission`), and the fields stacked below.
 */
export function FormSection(props: {
  /** The id of the heading, which labels the section. */
  headingId: string;
  title: string;
  submission: { done: string | null; report: ErrorReport | null };
  fields: Record<string, FieldRef>;
  onSubmit(e: FormEvent): void;
  maw?: number;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.headingId}>
      <Title order={2} fz="xl" id={props.headingId} mt="lg" mb="xs">
        {props.title}
      </Title>
      <Confirmation text={props.submission.done} />
      <ErrorSummary report={props.submission.report} fields={props.fields} />
      <form onSubmit={props.onSubmit} noValidate aria-label={props.title}>
        <Stack maw={props.maw ?? 640} gap="sm">
          {props.children}
        </Stack>
      </form>
    </section>
  );
}

/**
 * The buttons below a form that edits a row: save (the submit), any further actions given as
 * children (such as ending a membership), and close when `onClose` is given.
 */
export function EditActions(props: {
  saveLabel: string;
  saving: boolean;
  closeLabel?: string;
  onClose?: () => void;
  children?: ReactNode;
}) {
  return (
    <Group>
      <Button type="submit" loading={props.saving}>
        {props.saveLabel}
      </Button>
      {props.children}
      {props.onClose ? (
        <Button variant="default" onClick={props.onClose}>
          {props.closeLabel}
        </Button>
      ) : null}
    </Group>
  );
}
