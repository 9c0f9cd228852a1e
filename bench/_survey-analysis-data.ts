/*
 * The data of bench/survey-analysis.ts, shared by the bench and its server process so both build
 * the same responses: the standard questionnaire plus a 13-row matrix and the area question (41
 * codebook variables), and 1,000,000 responses drawn from a seeded generator. The area a
 * respondent names leans on the age group, so the two margins (age group × sex, area) pull
 * against each other and raking needs several iterations, as with real returns.
 */
import { areaQuestion, STANDARD_QUESTIONNAIRE } from '../src/shared/survey-template.ts';
import { compileCodebook, type CodebookVariable, type QuestionnaireDefinition } from '../src/shared/survey-questionnaire.ts';
import type { MarginsInput } from '../src/shared/survey-results.schema.ts';
import { seededRandom } from '../src/server/modules/alliance/demo.ts';

export const RESPONSES = Number(process.env.SURVEY_RESPONSES ?? 1_000_000);
export const SEED = 2026;

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
const AREAS = ['altstadt', 'buchholz', 'frohnau', 'geyersdorf', 'cunersdorf', 'kleinrueckerswalde', 'sued', 'nord'];
const AGE_GROUPS = ['a16_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65_74', 'a75'];

/** The standard questionnaire plus a matrix of 13 rows about places and the area question: 41 codebook variables. */
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
  def.sections.at(-1)!.questions.push(areaQuestion(AREAS.map((code) => ({ code, name: code }))));
  return def;
}

/**
 * The margins as a user enters them in the margins editor: age group × sex (w, m) of a small town,
 * and the population of its eight areas (Ortsteile).
 */
export function benchMargins(): Omit<MarginsInput, 'version'> {
  return {
    source: 'manual',
    ageSex: AGE_GROUPS.flatMap((ageGroup, i) => [
      { ageGroup, sex: 'w', population: 900 + i * 120 },
      { ageGroup, sex: 'm', population: 950 + i * 60 },
    ]),
    sex: [],
    areas: AREAS.map((area, i) => ({ area, population: 1200 + ((i * 370) % 1500) })),
    margins: [],
    trimUpper: null,
  };
}

/**
 * The answer codes of every response (0 = missing, else 1-based option index), row by row: random
 * valid codes with about 5 % missing, sex only w or m, and the area drawn near the age group's
 * own area half of the time.
 */
export function benchAnswers(codebook: readonly CodebookVariable[], rows = RESPONSES): Uint16Array {
  const rnd = seededRandom(SEED);
  const cols = codebook.length;
  const sizes = codebook.map((v) => (v.kind === 'number' ? 20 : v.name === 'geschlecht' ? 2 : v.values.length));
  const age = codebook.findIndex((v) => v.role === 'age_group');
  const area = codebook.findIndex((v) => v.role === 'area');
  if (age < 0 || area < 0) throw new Error('the bench questionnaire lacks the age group or the area question');
  const data = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < cols; j += 1) data[i * cols + j] = rnd() < 0.05 ? 0 : 1 + Math.floor(rnd() * sizes[j]!);
    const a = data[i * cols + age]!;
    if (a > 0 && rnd() < 0.5) data[i * cols + area] = 1 + ((a - 1 + Math.floor(rnd() * 2)) % sizes[area]!);
  }
  return data;
}

export const benchCodebook = () => compileCodebook(benchDefinition());
