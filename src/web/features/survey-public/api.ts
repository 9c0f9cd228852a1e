import type { z } from 'zod';
import type { SurveyAnswers } from '../../../shared/survey-questionnaire.ts';
import { normalizeSurveyCode } from '../../../shared/survey-code.ts';
import type { publicDraftResultSchema, publicOpenResultSchema, publicSubmitResultSchema } from '../../../shared/surveys.schema.ts';
import { apiRequest } from '../../lib/api-request.ts';

/*
 * The public questionnaire's three calls. No session and no cookie: the access code travels in
 * the request body of each call (never in a query string, so it stays out of server logs).
 */

/** The questionnaire, the survey's title and end of fieldwork, and the saved draft (empty when none). */
export type OpenedSurvey = z.infer<typeof publicOpenResultSchema>;
export type DraftSaved = z.infer<typeof publicDraftResultSchema>;
export type Submitted = z.infer<typeof publicSubmitResultSchema>;

export function openSurvey(code: string): Promise<OpenedSurvey> {
  return apiRequest<OpenedSurvey>('/api/public/survey/open', { method: 'POST', body: { code }, expectUnauthenticated: true });
}

export function saveDraft(input: { code: string; answers: SurveyAnswers }): Promise<DraftSaved> {
  return apiRequest<DraftSaved>('/api/public/survey/draft', { method: 'PUT', body: input, expectUnauthenticated: true });
}

export function submitSurvey(input: { code: string; answers: SurveyAnswers }): Promise<Submitted> {
  return apiRequest<Submitted>('/api/public/survey/submit', { method: 'POST', body: input, expectUnauthenticated: true });
}

/*
 * The code is kept in sessionStorage only while a questionnaire is open in this tab, so a reload
 * does not lose the place. sessionStorage belongs to the tab and ends with it, and it is never
 * sent to the server by itself (unlike a cookie). localStorage would keep the code on a shared
 * computer (a town hall, a care home) for the next person; so it is never used for the code.
 * Interrupting, finishing and an unknown code all remove it.
 */
const CODE_KEY = 'praevis.survey.code';

export function rememberCode(code: string): void {
  try {
    sessionStorage.setItem(CODE_KEY, code);
  } catch {
    // No storage (private mode): a reload asks for the code again.
  }
}

export function rememberedCode(): string | null {
  try {
    return sessionStorage.getItem(CODE_KEY);
  } catch {
    return null;
  }
}

export function forgetCode(): void {
  try {
    sessionStorage.removeItem(CODE_KEY);
  } catch {
    // Nothing stored.
  }
}

/** Codes are printed in groups of four; people type them with spaces, hyphens or in lower case. */
export function normaliseCode(input: string): string {
  return normalizeSurveyCode(input.trim());
}
