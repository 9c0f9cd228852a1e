import type { z } from 'zod';
import { i18n } from '../lib/i18n.ts';

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
}

/** A Zod issue in the UI language, worded for a form field. */
export function issueMessage(issue: IssueLike): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? i18n.t('validation.required')
          : i18n.t('validation.minLength', { count: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return i18n.t('validation.chooseAtLeast', { count: Number(issue.minimum) });
      return i18n.t('validation.minValue', { min: String(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? i18n.t('validation.maxLength', { count: Number(issue.maximum) })
        : i18n.t('validation.maxValue', { max: String(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? i18n.t('validation.email') : i18n.t('validation.format');
    case 'invalid_type':
      return i18n.t('validation.required');
    default:
      return i18n.t('validation.invalid');
  }
}

/** Field errors of a failed parse, keyed by the first path segment; the first issue per field wins. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!(key in out)) out[key] = issueMessage(issue as IssueLike);
  }
  return out;
}

/** Field errors of a failed parse keyed by the whole path (`signatories.1.name`), for forms with rows. */
export function zodPathErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
    if (!(key in out)) out[key] = issueMessage(issue as IssueLike);
  }
  return out;
}
