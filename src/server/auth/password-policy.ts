import { createRequire } from 'node:module';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import { LIMITS } from '../../shared/limits.ts';
import { fieldError } from '../http/problem.ts';

/*
 * What a password a person chooses must meet (NIST SP 800-63B, 3.1.1.2): a minimum length, not on
 * a list of commonly used or compromised passwords, and not a trivial repeat or sequence. No rules
 * about character classes and no expiry. Generated one-time passwords meet it by construction.
 * The list is the common-password list of @zxcvbn-ts (about 49,000 entries), held in a set.
 */

const require = createRequire(import.meta.url);
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // Loaded with the first password checked, not at server start (decision 019).
  common ??= new Set((require('@zxcvbn-ts/language-common') as typeof LanguageCommon).dictionary['passwords-common'] as string[]);
  return common;
}

/** One character, or a block of up to three, repeated ("aaaaaaaaaaaa", "abcabcabcabc"). */
function isRepeat(p: string): boolean {
  return /^(.{1,3})\1+$/su.test(p);
}

/** Steps of one up or down all the way ("abcdefghijkl", "987654321098"; digits wrap around). */
function isSequence(p: string): boolean {
  const cps = Array.from(p, (c) => c.codePointAt(0)!);
  const step = (a: number, b: number) => (a === 0x39 && b === 0x30 ? 1 : a === 0x30 && b === 0x39 ? -1 : b - a);
  const first = step(cps[0]!, cps[1]!);
  return (first === 1 || first === -1) && cps.every((c, i) => i === 0 || step(cps[i - 1]!, c) === first);
}

/** Why the password falls short, or null when it meets the policy. */
export function passwordWeakness(password: string): 'too_short' | 'trivial' | 'common' | null {
  if (Array.from(password).length < LIMITS.passwordMin) return 'too_short';
  const p = password.toLowerCase();
  if (isRepeat(p) || isSequence(p)) return 'trivial';
  const words = commonPasswords();
  const compact = p.replace(/\s+/gu, '');
  // "Sommer2024!" is "sommer" with a suffix: the list word with digits or marks around it.
  const core = compact.replace(/^[\d\p{P}\p{S}]+|[\d\p{P}\p{S}]+$/gu, '');
  if (words.has(p) || words.has(compact) || (core.length >= 4 && words.has(core))) return 'common';
  return null;
}

const MESSAGES = {
  too_short: {
    de: `Das Passwort muss mindestens ${LIMITS.passwordMin} Zeichen lang sein.`,
    en: `The password must be at least ${LIMITS.passwordMin} characters long.`,
  },
  trivial: {
    de: 'Das Passwort besteht nur aus einem wiederholten Zeichen oder einer Folge wie „abcdef“ oder „123456“. Bitte wählen Sie ein anderes, etwa einen Satz aus mehreren Wörtern.',
    en: 'The password is only a repeated character or a sequence such as "abcdef" or "123456". Please choose another, such as a phrase of several words.',
  },
  common: {
    de: 'Dieses Passwort steht auf einer Liste häufig verwendeter Passwörter und ist leicht zu erraten. Bitte wählen Sie ein anderes, etwa einen Satz aus mehreren Wörtern.',
    en: 'This password is on a list of commonly used passwords and easy to guess. Please choose another, such as a phrase of several words.',
  },
} as const;

/** Refuses a chosen password that falls short of the policy, with a message on the field (400). */
export function assertPasswordPolicy(password: string, field: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw fieldError(field, MESSAGES[weakness], weakness);
}
