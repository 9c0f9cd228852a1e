import { AppError } from '../../http/problem.ts';
import type { RuleViolation } from '../../../shared/funding.rules.ts';

/*
 * The funding programme: rules as data with versions, applications checked against them, review,
 * decision under the budget lock, payments and proof of use. Every rule that refuses a request
 * names itself in the message (funding.rules.ts). Decision 012 explains money and concurrency.
 * This file holds what the service files of these parts share.
 */

type Text = { de: string; en: string };

/** A 422 carrying every violated rule as a field error whose code is the rule. */
export function rulesRefused(violations: RuleViolation[]): AppError {
  const detail =
    violations.length === 1
      ? violations[0]!.message
      : {
          de: `${violations.length} Regeln sind verletzt: ${violations.map((v) => v.message.de).join(' ')}`,
          en: `${violations.length} rules are broken: ${violations.map((v) => v.message.en).join(' ')}`,
        };
  return new AppError(
    'rule-violation',
    detail,
    violations.map((v) => ({ field: v.field, code: v.rule, message: v.message })),
  );
}

/** A 422 for an action the current status does not allow. */
export const stateError = (text: Text, code = 'status') => new AppError('rule-violation', text, [{ field: 'status', code, message: text }]);

/** Parses stored JSON; the fallback when it cannot be read. */
export const parseJson = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};
