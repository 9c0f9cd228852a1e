/*
 * Survey analysis on SQLite: 1,000,000 responses × 40 items (the standard questionnaire plus a
 * 13-row matrix) stored through the real tables (one transaction, one prepared insert), margins
 * by age group × sex; then weighted shares of every item (raking to the margins) plus one crosstab
 * through the real service (`getResults`, `getCrosstab`), first cold (reading every response from
 * the database), then warm (matrix kept). Beside it, in the same run, the baseline: the same
 * weighted shares and crosstab computed from the matrix already in memory (no database).
 * Target: weighted shares plus one crosstab for 1,000,000 responses under 2 s.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STANDARD_QUESTIONNAIRE } from '../src/shared/survey-template.ts';
import { compileCodebook, type QuestionnaireDefinition } from '../src/shared/survey-questionnaire.ts';
import type { Principal } from '../src/server/auth/principal.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { getCrosstab, getResults, loadMarginSet } from '../src/server/modules/surveys/analysis/analysis.service.ts';
import { replaceMargins, saveMarginSet } from '../src/server/modules/surveys/analysis/analysis.repository.ts';
import { buildCrosstab, buildVariableResults, weightResponses } from '../src/server/modules/surveys/analysis/results.ts';
import { nowIso } from '../src/shared/time.ts';

const RESPONSES = 1_000_000;
const TARGET_MS = 2000;

const EXTRA_ROWS = [
  'licht',
  'bus',
  'bahnhof',
  'park',
  'schule',
  'markt',
  'spielplatz',
  'radweg',
  'laerm',
  'hunde',
  'alkohol',
  'feiern',
  'betteln',
];

/** The standard questionnaire plus a matrix of 13 rows about places: 40 codebook variables. */
export function benchDefinition(): QuestionnaireDefinition {
  const def = structuredClone(STANDARD_QUESTIONNAIRE);
  def.sections[1]!.questions.push({
    id: 'orte',
    type: 'matrix',
    required: false,
    text: { de: 'Wie sicher fühlen Sie sich an diesen Orten?', en: 'How safe do you feel at these places?' },
    rows: EXTRA_ROWS.map((code) => ({ code, label: { de: code, en: code } })),
    scale: ['sehr_sicher', 'eher_sicher', 'eher_unsicher', 'sehr_unsicher'].map((code) => ({ code, label: { de: code, en: code } })),
  });
  return def;
}

const admin: Principal = {
  id: 0,
  email: 'bench@example.org',
  displayName: 'Bench',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-bench-survey-'));
  const handle = openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const sqlite = handle.sqlite!;
    const now = nowIso();
    await db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
    await db
      .insertInto('districts')
      .values({
        ags: '14521',
        name: 'Erzgebirgskreis',
        type_code: '44',
        seat: null,
        state_ags: '14',
        area_ha: null,
        population: null,
        population_male: null,
        active: 1,
        status_date: '2021-11-30',
      })
      .execute();
    await db
      .insertInto('municipalities')
      .values({
        ags: '14521035',
        ars: '145215211035',
        name: 'Annaberg-Buchholz',
        type_code: '63',
        district_ags: '14521',
        association_ars: null,
        area_ha: 2300,
        population: 19_799,
        population_male: 9_650,
        postcode: null,
        active: 1,
        status_date: '2021-11-30',
        updated_at: now,
      })
      .execute();
    const def = benchDefinition();
    const codebook = compileCodebook(def);
    if (codebook.length !== 40) throw new Error(`bench questionnaire has ${codebook.length} variables, not 40`);
    const { id } = await db
      .insertInto('surveys')
      .values({
        title: 'Benchmark',
        status: 'closed',
        field_start: '2026-10-01',
        field_end: '2026-10-31',
        previous_survey_id: null,
        created_at: now,
        updated_at: now,
        closed_on: '2026-11-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('survey_municipalities').values({ survey_id: id, ags: '14521035' }).execute();
    await db
      .insertInto('survey_questionnaires')
      .values({ survey_id: id, version: 1, definition_json: JSON.stringify(def), created_at: now })
      .execute();

    // Margins: age group × sex (w, m), plausible for a small town.
    const ageSex = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'].flatMap((ageGroup, i) => [
      { ageGroup, sex: 'w', population: 900 + i * 120 },
      { ageGroup, sex: 'm', population: 950 + i * 60 },
    ]);
    await saveMarginSet(db, { survey_id: id, source: 'manual', updated_at: now, updated_by: null }, 0);
    await replaceMargins(
      db,
      id,
      ageSex.map((e) => ({ dimension: 'age_sex', cell: `${e.ageGroup}:${e.sex}`, population: e.population })),
    );

    // 1,000,000 responses: random valid codes per variable (about 5 % missing), one transaction.
    let t = process.hrtime.bigint();
    const insert = sqlite.prepare(
      'insert into survey_responses (id, survey_id, ags, questionnaire_version, channel, received_on, answers) values (?, ?, ?, 1, ?, ?, ?)',
    );
    const random = crypto.randomBytes(RESPONSES * codebook.length);
    // Sex: only w and m here (the population statistics know no third category).
    const sizes = codebook.map((v) => (v.kind === 'number' ? 20 : v.name === 'geschlecht' ? 2 : v.values.length));
    sqlite.transaction(() => {
      const bytes = Buffer.alloc(codebook.length * 2);
      for (let i = 0; i < RESPONSES; i += 1) {
        for (let j = 0; j < codebook.length; j += 1) {
          const r = random[i * codebook.length + j]!;
          const v = r < 13 ? 0 : 1 + (r % sizes[j]!);
          bytes.writeUInt16LE(v, j * 2);
        }
        insert.run(crypto.randomUUID(), id, '14521035', i % 10 === 0 ? 'paper' : 'online', '2026-10-15', bytes);
      }
    })();
    const insertMs = ms(t);
    process.stdout.write(
      `stored ${RESPONSES.toLocaleString('en')} responses × ${codebook.length} items in ${(insertMs / 1000).toFixed(1)} s (${Math.round(RESPONSES / (insertMs / 1000)).toLocaleString('en')} rows/s)\n`,
    );

    // The real service, cold: reads every response from SQLite, rakes, tabulates, crosstabs.
    t = process.hrtime.bigint();
    const results = await getResults(db, admin, id, { weighted: true, lang: 'de' });
    const cross = await getCrosstab(db, admin, id, { row: 'sicher_nachts', col: 'altersgruppe', weighted: true, lang: 'de' });
    const coldMs = ms(t);
    if (!results.weighted || !results.weighting.converged || results.responses !== RESPONSES || cross.total.n === null)
      throw new Error('the service did not weight all responses');

    t = process.hrtime.bigint();
    await getResults(db, admin, id, { weighted: true, lang: 'de' });
    await getCrosstab(db, admin, id, { row: 'sicher_nachts', col: 'altersgruppe', weighted: true, lang: 'de' });
    const warmMs = ms(t);

    // Baseline: the same figures from the matrix already in memory (no database at all).
    const data = new Uint16Array(RESPONSES * codebook.length);
    for (let i = 0; i < RESPONSES; i += 1)
      for (let j = 0; j < codebook.length; j += 1) {
        const r = random[i * codebook.length + j]!;
        data[i * codebook.length + j] = r < 13 ? 0 : 1 + (r % sizes[j]!);
      }
    const matrix = { rows: RESPONSES, cols: codebook.length, data };
    const margins = await loadMarginSet(db, id);
    t = process.hrtime.bigint();
    const { weights } = weightResponses(codebook, matrix, margins, 5, 'de');
    const baseVars = buildVariableResults(codebook, matrix, weights, 5, 'de');
    const rowVar = codebook.find((v) => v.name === 'sicher_nachts')!;
    const colVar = codebook.find((v) => v.name === 'altersgruppe')!;
    const baseCross = buildCrosstab(rowVar, colVar, matrix, weights, 5, 'de');
    const baselineMs = ms(t);
    const a = results.variables.find((v) => v.name === 'sicher_nachts')!.categories[0]!.share!;
    const b = baseVars.find((v) => v.name === 'sicher_nachts')!.categories[0]!.share!;
    if (Math.abs(a - b) > 1e-9 || baseCross.total.n !== cross.total.n) throw new Error('service and baseline disagree');

    const rows = [
      ['sqlite: service cold (read 1M responses + rake + shares of 40 items + crosstab)', coldMs],
      ['sqlite: service warm (matrix kept; rake + shares + crosstab)', warmMs],
      ['baseline: in-memory matrix (rake + shares + crosstab, no database)', baselineMs],
    ] as const;
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value.toFixed(0).padStart(6)} ms\n`);
    process.stdout.write(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1/5/15 min) – timings scale with it\n`,
    );
    process.stdout.write(
      `raking: ${results.weighting.iterations} iterations, max deviation ${results.weighting.maxRelativeDeviation.toExponential(2)}; ` +
        `target < ${TARGET_MS} ms for weighted shares plus one crosstab (cold): ${coldMs < TARGET_MS ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
