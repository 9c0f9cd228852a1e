import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../../../../shared/survey-template.ts';
import { compileCodebook, encodeAnswers, type SurveyAnswers, vectorToBytes } from '../../../../shared/survey-questionnaire.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestDatabase, DIALECTS } from '../../../test/databases.ts';
import { readResponseMatrix } from './analysis.repository.ts';
import { mapVersion } from './matrix.ts';
import { nowIso } from '../../../../shared/time.ts';

/*
 * Reading the responses: the fast path (one blob per version on SQLite) and the row-by-row path
 * (PostgreSQL, or a stored vector of an unexpected length) give the same matrix.
 */
describe.each(DIALECTS)('reading responses into the matrix on %s', (dialect) => {
  let handle: DatabaseHandle;
  const cb = compileCodebook(STANDARD_QUESTIONNAIRE);
  const mappings = new Map([[1, mapVersion(cb, cb)]]);
  const answers: SurveyAnswers[] = [
    { sicher_nachts: 'sehr_sicher', haushalt: 2 },
    { sicher_nachts: 'sehr_unsicher', altersgruppe: 'a75' },
    { geschlecht: 'w' },
  ];

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    const now = nowIso();
    await handle.db
      .insertInto('surveys')
      .values({
        title: 'T',
        status: 'closed',
        field_start: '2026-01-01',
        field_end: '2026-01-31',
        previous_survey_id: null,
        created_at: now,
        updated_at: now,
        closed_on: null,
      })
      .execute();
    await handle.db
      .insertInto('surveys')
      .values({
        title: 'U',
        status: 'closed',
        field_start: '2026-01-01',
        field_end: '2026-01-31',
        previous_survey_id: null,
        created_at: now,
        updated_at: now,
        closed_on: null,
      })
      .execute();
    const row = (survey: number, bytes: Uint8Array) => ({
      id: crypto.randomUUID(),
      survey_id: survey,
      ags: null,
      questionnaire_version: 1,
      channel: 'online' as const,
      received_on: '2026-01-10',
      answers: Buffer.from(bytes),
    });
    await handle.db
      .insertInto('survey_responses')
      .values(answers.map((a) => row(1, vectorToBytes(encodeAnswers(STANDARD_QUESTIONNAIRE, a)))))
      .execute();
    // Survey 2: the same answers, plus one vector cut short by a variable (a damaged row).
    const short = vectorToBytes(encodeAnswers(STANDARD_QUESTIONNAIRE, answers[0]!)).subarray(0, (cb.length - 1) * 2);
    await handle.db
      .insertInto('survey_responses')
      .values([...answers.map((a) => row(2, vectorToBytes(encodeAnswers(STANDARD_QUESTIONNAIRE, a)))), row(2, short)])
      .execute();
  });
  afterAll(async () => {
    await handle?.destroy();
  });

  const sorted = (data: Uint16Array, cols: number) =>
    Array.from({ length: data.length / cols }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)).join(',')).sort();

  it('reads every vector as stored', async () => {
    const { matrix } = await readResponseMatrix(handle.db, 1, cb.length, mappings, 3);
    expect(matrix.rows).toBe(3);
    expect(sorted(matrix.data, cb.length)).toEqual(
      answers.map((a) => Array.from(encodeAnswers(STANDARD_QUESTIONNAIRE, a)).join(',')).sort(),
    );
  });

  it('falls back to row by row when a vector has another length', async () => {
    const { matrix } = await readResponseMatrix(handle.db, 2, cb.length, mappings, 4);
    expect(matrix.rows).toBe(4);
    const rows = sorted(matrix.data, cb.length);
    for (const a of answers) expect(rows).toContain(Array.from(encodeAnswers(STANDARD_QUESTIONNAIRE, a)).join(','));
    // The short row keeps its variables and misses only the last one.
    const full = Array.from(encodeAnswers(STANDARD_QUESTIONNAIRE, answers[0]!));
    expect(rows.filter((r) => r === full.join(',')).length).toBe(full.at(-1) === 0 ? 2 : 1);
  });
});
