import crypto from 'node:crypto';
import { SURVEY_CODE_ALPHABET, SURVEY_CODE_LENGTH } from '../../../shared/surveys.schema.ts';

/*
 * One-time access codes (decision 010): 12 signs from a 32-sign alphabet without 0/O and 1/I
 * (60 bits). The code itself is never stored. With the installation's survey key (32 random
 * bytes, kept in the database) a code is
 * - derived: HMAC-SHA256(key, "letter", survey, batch, n), its first 12 bytes modulo 32 (32
 *   divides 256, so the signs are unbiased), so the letters and the mail-merge file of a batch can
 *   be rendered again at any time without a stored code;
 * - looked up by its keyed hash: HMAC-SHA256(key, "code", code), the only form that reaches the
 *   database (the code list and the drafts).
 */

function hmac(key: Uint8Array, ...parts: Array<string | number>): Buffer {
  return crypto.createHmac('sha256', key).update(parts.join('\u0000')).digest();
}

/** The stored form of a normalized code: its keyed hash, as 64 hex signs. */
export function codeHash(key: Uint8Array, normalizedCode: string): string {
  return hmac(key, 'code', normalizedCode).toString('hex');
}

/** The n-th candidate code of a batch (a candidate is skipped when its hash is already taken). */
export function derivedCode(key: Uint8Array, surveyId: number, batch: number, n: number): string {
  const bytes = hmac(key, 'letter', surveyId, batch, n).subarray(0, SURVEY_CODE_LENGTH);
  let out = '';
  for (const b of bytes) out += SURVEY_CODE_ALPHABET[b % SURVEY_CODE_ALPHABET.length];
  return out;
}

/**
 * The codes of a batch in letter order: the candidates 0, 1, 2, … whose hash `isMember` accepts,
 * until `count` are found (or the candidates run out: a batch issued before codes were derived).
 */
export function deriveBatch(
  key: Uint8Array,
  surveyId: number,
  batch: number,
  count: number,
  isMember: (hash: string) => boolean,
): Array<{ code: string; hash: string }> {
  const out: Array<{ code: string; hash: string }> = [];
  for (let n = 0; out.length < count && n < count + 1000; n += 1) {
    const code = derivedCode(key, surveyId, batch, n);
    const hash = codeHash(key, code);
    if (isMember(hash)) out.push({ code, hash });
  }
  return out;
}
