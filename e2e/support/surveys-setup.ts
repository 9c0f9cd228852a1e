/*
 * Surveys of the survey specs, set up through the API so every browser test stands alone: a survey
 * of its own (unique title) in fieldwork with a batch of access codes, read back in plain from the
 * mail-merge CSV (only their hashes are stored), and, where a test needs them, returns already
 * received online (through the public questionnaire's API), on paper and from a CSV import.
 */
import { type APIResponse, request } from '@playwright/test';
import type { SurveyAnswers } from '../../src/shared/survey-questionnaire.ts';
import { addDays, todayBerlin } from '../../src/shared/time.ts';
import { LPR_STAFF, MUNICIPALITIES } from './accounts.ts';
import { apiAs, uniqueTag } from './api.ts';

export interface FieldworkSurvey {
  id: number;
  title: string;
  /** The plain codes of batch 1, in letter order. */
  codes: string[];
}

const CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

async function ok(res: APIResponse, what: string): Promise<APIResponse> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return res;
}

/** A survey title no other test (or retry) uses. */
export function uniqueSurveyTitle(): string {
  return `Sicherheitsbefragung Amtsberg ${uniqueTag()} (E2E)`;
}

/**
 * The plain codes of a batch as the mail merge gets them: the CSV download of the council staff.
 * (A CSV, not JSON, so it is read with a session of its own rather than the JSON client.)
 */
export async function mailMergeCodes(surveyId: number, batch: number): Promise<string[]> {
  const ctx = await request.newContext({ baseURL: process.env.PRAEVIS_E2E_BASE_URL });
  try {
    const login = await ok(
      await ctx.post('/api/auth/login', { data: { email: LPR_STAFF.email, password: LPR_STAFF.password } }),
      'sign-in of the council staff',
    );
    const header = login.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('praevis_session='));
    if (!header) throw new Error('the login answer set no session cookie');
    const path = `/api/surveys/${surveyId}/codes/batches/${batch}/codes.csv`;
    const res = await ok(await ctx.get(path, { headers: { cookie: header.value.split(';')[0]! } }), `GET ${path}`);
    const [head, ...rows] = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const column = head!.split(';').indexOf('zugangscode');
    if (column < 0) throw new Error(`the mail-merge CSV has no column zugangscode: ${head}`);
    const codes = rows.map((r) => r.split(';')[column]!.replace(/"/g, ''));
    for (const c of codes) if (!CODE.test(c)) throw new Error(`not an access code in the mail-merge CSV: ${c}`);
    return codes;
  } finally {
    await ctx.dispose();
  }
}

/** A new survey of Amtsberg (standard questionnaire, k = 5) in fieldwork since today, with `codes` access codes. */
export async function surveyInFieldwork(codes: number): Promise<FieldworkSurvey> {
  const staff = await apiAs(LPR_STAFF);
  try {
    const today = todayBerlin();
    const title = uniqueSurveyTitle();
    const survey = await staff.post<{ id: number }>('/api/surveys', {
      title,
      municipalities: [MUNICIPALITIES.amtsberg.ags],
      fieldStart: today,
      fieldEnd: addDays(today, 28),
    });
    await staff.post(`/api/surveys/${survey.id}/start`, {});
    const batch = await staff.post<{ batch: number; count: number }>(`/api/surveys/${survey.id}/codes`, {
      ags: MUNICIPALITIES.amtsberg.ags,
      count: codes,
    });
    const plain = await mailMergeCodes(survey.id, batch.batch);
    if (plain.length !== codes) throw new Error(`expected ${codes} codes in the mail-merge CSV, found ${plain.length}`);
    return { id: survey.id, title, codes: plain };
  } finally {
    await staff.dispose();
  }
}

/**
 * Ten online answers, as the ten residents of the keyboard test give them (two with a burglary and
 * its count, two rating young people hanging around).
 */
export const ONLINE_ANSWERS: SurveyAnswers[] = [
  { sicher_nachts: 'ziemlich_sicher', inzivilitaet: { jugendliche: 'ziemlich' }, altersgruppe: 'a35_44', geschlecht: 'm' },
  { sicher_nachts: 'sehr_unsicher', opfer: ['einbruch'], opfer_anzahl: 2, altersgruppe: 'a65_74', geschlecht: 'w' },
  { sicher_nachts: 'sehr_sicher', altersgruppe: 'a16_24', geschlecht: 'w' },
  { sicher_nachts: 'ziemlich_unsicher', opfer: ['einbruch'], opfer_anzahl: 1, altersgruppe: 'a45_54', geschlecht: 'm' },
  { sicher_nachts: 'ziemlich_sicher', altersgruppe: 'a55_64', geschlecht: 'w' },
  { sicher_nachts: 'sehr_sicher', altersgruppe: 'a75', geschlecht: 'm' },
  { sicher_nachts: 'ziemlich_unsicher', inzivilitaet: { jugendliche: 'kein' }, altersgruppe: 'a25_34', geschlecht: 'w' },
  { sicher_nachts: 'ziemlich_sicher', altersgruppe: 'a35_44', geschlecht: 'm' },
  { sicher_nachts: 'sehr_unsicher', altersgruppe: 'a65_74', geschlecht: 'w' },
  { sicher_nachts: 'ziemlich_sicher', altersgruppe: 'a45_54', geschlecht: 'm' },
];

/** Five paper returns, as the paper test enters them. */
export const PAPER_ANSWERS: SurveyAnswers[] = [
  { sicher_nachts: 'sehr_unsicher', altersgruppe: 'a65_74', geschlecht: 'w' },
  { sicher_nachts: 'ziemlich_sicher', altersgruppe: 'a45_54', geschlecht: 'm' },
  { sicher_nachts: 'sehr_sicher', altersgruppe: 'a25_34', geschlecht: 'w' },
  { sicher_nachts: 'ziemlich_unsicher', altersgruppe: 'a55_64' },
  { sicher_nachts: 'sehr_sicher', geschlecht: 'm' },
];

/** Two returns by codebook names, as the paper test imports them. */
export const IMPORT_CSV = 'sicher_nachts;altersgruppe;geschlecht;opfer_diebstahl\nsehr_sicher;a35_44;w;ja\n2;a45_54;m;nein\n';

/** Submits answers through the public questionnaire's API, one code each (no sign-in, no cookie). */
export async function submitOnline(codes: string[], answers: SurveyAnswers[]): Promise<void> {
  if (codes.length < answers.length) throw new Error(`${answers.length} answers need as many codes, got ${codes.length}`);
  const ctx = await request.newContext({ baseURL: process.env.PRAEVIS_E2E_BASE_URL });
  try {
    for (const [i, a] of answers.entries()) {
      await ok(await ctx.post('/api/public/survey/submit', { data: { code: codes[i], answers: a } }), `online answer ${i + 1}`);
    }
  } finally {
    await ctx.dispose();
  }
}

/** Enters paper returns (single entry) and imports the returns of a CSV, as council staff. */
export async function enterPaperAndImport(surveyId: number, paper: SurveyAnswers[], csv: string): Promise<void> {
  const staff = await apiAs(LPR_STAFF);
  try {
    for (const answers of paper) await staff.post(`/api/surveys/${surveyId}/paper-returns`, { answers, entry: 'single' });
    const result = await staff.upload<{ stored: number; errors: unknown[] }>(`/api/surveys/${surveyId}/imports/responses?mode=commit`, {
      name: 'rueckläufe.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    if (result.errors.length) throw new Error(`the import found errors: ${JSON.stringify(result.errors)}`);
  } finally {
    await staff.dispose();
  }
}

/**
 * A completed survey wave of one municipality in a past field period, as council staff would
 * record it after the fact: created with the period's start (and an end ahead, so fieldwork can
 * begin), `n` returns imported from a CSV of which `unsafe` feel fairly unsafe at night and the
 * rest fairly safe, the field end moved back to the period's end, then closed.
 */
export async function closedPastWave(w: { ags: string; fieldStart: string; fieldEnd: string; n: number; unsafe: number }): Promise<number> {
  const staff = await apiAs(LPR_STAFF);
  try {
    const created = await staff.post<{ id: number }>('/api/surveys', {
      title: `Bürgerbefragung ${w.ags} ${w.fieldStart} ${uniqueTag()} (E2E)`,
      municipalities: [w.ags],
      fieldStart: w.fieldStart,
      fieldEnd: addDays(todayBerlin(), 28),
    });
    await staff.post(`/api/surveys/${created.id}/start`, {});
    const rows = Array.from({ length: w.n }, (_, i) => (i < w.unsafe ? 'ziemlich_unsicher' : 'ziemlich_sicher'));
    const result = await staff.upload<{ stored: number; errors: unknown[] }>(`/api/surveys/${created.id}/imports/responses?mode=commit`, {
      name: 'welle.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`sicher_nachts\n${rows.join('\n')}\n`, 'utf8'),
    });
    if (result.errors.length || result.stored !== w.n)
      throw new Error(`the wave's import stored ${result.stored}: ${JSON.stringify(result.errors)}`);
    const current = await staff.get<{ version: number }>(`/api/surveys/${created.id}`);
    const moved = await staff.patch<{ version: number }>(`/api/surveys/${created.id}`, { version: current.version, fieldEnd: w.fieldEnd });
    await staff.post(`/api/surveys/${created.id}/close`, { version: moved.version });
    return created.id;
  } finally {
    await staff.dispose();
  }
}
