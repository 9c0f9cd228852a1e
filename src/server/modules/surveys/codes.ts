import crypto from 'node:crypto';
import { SURVEY_CODE_ALPHABET, SURVEY_CODE_LENGTH } from '../../../shared/surveys.schema.ts';

/*
 * One-time access codes: 12 signs from a 32-sign alphabet without 0/O and 1/I (60 bits), drawn
 * with the operating system's cryptographic random source. 32 divides 256, so taking a random
 * byte modulo 32 is free of bias.
 */

export function randomSurveyCode(): string {
  const bytes = crypto.randomBytes(SURVEY_CODE_LENGTH);
  let out = '';
  for (const b of bytes) out += SURVEY_CODE_ALPHABET[b % SURVEY_CODE_ALPHABET.length];
  return out;
}

/** `count` distinct codes, none of them in `taken` (checked by the caller against the database). */
export function drawCodes(count: number, taken: ReadonlySet<string> = new Set()): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const c = randomSurveyCode();
    if (!taken.has(c)) out.add(c);
  }
  return [...out];
}
