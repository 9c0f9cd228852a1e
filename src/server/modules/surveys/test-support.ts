/* Helpers shared by the survey tests (not a test file itself). */
import { expect } from 'vitest';
import { formatSurveyCode, normalizeSurveyCode } from '../../../shared/surveys.schema.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { codeHash, deriveBatch } from './codes.ts';
import { surveyKey } from './surveys.repository.ts';
import type { Client } from '../../test/harness.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';
export { multipartFile } from '../alliance/test-support.ts';

/** Creates a survey around today (open for 30 days from 10 days ago) for the municipalities. */
export async function createSurvey(client: Client, municipalities: string[], extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/surveys', {
    title: 'Sicherheit in der Stadt 2026',
    municipalities,
    fieldStart: addDays(todayBerlin(), -10),
    fieldEnd: addDays(todayBerlin(), 30),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; questionnaireVersion: number; status: string };
}

/** A survey in fieldwork with `count` codes for the first municipality; returns the codes as printed. */
export async function surveyInField(client: Client, db: Db, municipalities: string[], count = 5, extra: Record<string, unknown> = {}) {
  const survey = await createSurvey(client, municipalities, extra);
  const codes = await client.post(`/api/surveys/${survey.id}/codes`, { ags: municipalities[0], count });
  expect(codes.statusCode, codes.body).toBe(201);
  const start = await client.post(`/api/surveys/${survey.id}/start`, {});
  expect(start.statusCode, start.body).toBe(200);
  return { survey: start.json() as { id: number; version: number }, codes: await codesOfSurvey(db, survey.id) };
}

/** The codes of a survey as printed, in letter order (derived again: only their hashes are stored). */
export async function codesOfSurvey(db: DbOrTrx, surveyId: number): Promise<string[]> {
  const rows = await db.selectFrom('survey_codes').select(['batch', 'code_hash']).where('survey_id', '=', surveyId).orderBy('id').execute();
  const key = await surveyKey(db);
  const out: string[] = [];
  for (const batch of [...new Set(rows.map((r) => r.batch))]) {
    const open = new Set(rows.filter((r) => r.batch === batch).map((r) => r.code_hash));
    out.push(...deriveBatch(key, surveyId, batch, open.size, (h) => open.delete(h)).map((d) => formatSurveyCode(d.code)));
  }
  return out;
}

/** The stored form (keyed hash) of a code in any spelling. */
export async function hashOfCode(db: DbOrTrx, code: string): Promise<string> {
  return codeHash(await surveyKey(db), normalizeSurveyCode(code));
}

/** A complete, valid set of answers to the standard questionnaire (with one free text). */
export const COMPLETE_ANSWERS = {
  sicher_nachts: 'ziemlich_sicher',
  opfer_gedanke: 'selten',
  meiden: { orte: 'ja', begleitung: 'nein', verteidigung: 'nein' },
  inzivilitaet: { graffiti: 'ziemlich', muell: 'gering' },
  opfer: ['diebstahl'],
  opfer_anzahl: 2,
  vertrauen: { polizei: 't4', verwaltung: 't3' },
  anmerkungen: 'Mehr Licht am Bahnhof.',
  altersgruppe: 'a35_44',
  geschlecht: 'w',
  haushalt: 3,
} as Record<string, unknown>;
