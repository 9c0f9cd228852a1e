/**
 * Access codes: 12 characters from an alphabet without 0/O and 1/I (32 signs, 60 bits), printed in
 * three groups of four (`ABCD-EFGH-JKLM`). Input is accepted in any case, with or without spaces
 * and hyphens; `normalizeSurveyCode` gives the stored form (12 capitals, no separators).
 */
export const SURVEY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SURVEY_CODE_LENGTH = 12;
export function normalizeSurveyCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-–]/g, '');
}
export function formatSurveyCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
export function isWellFormedSurveyCode(normalized: string): boolean {
  if (normalized.length !== SURVEY_CODE_LENGTH) return false;
  for (const ch of normalized) if (!SURVEY_CODE_ALPHABET.includes(ch)) return false;
  return true;
}
