import { type QuestionnaireDefinition, type SurveyAnswers, validateAnswers } from '../../../shared/survey-questionnaire.ts';
import { areaQuestion } from '../../../shared/survey-template.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { DEMO_PREFIX, seededRandom } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { storeResponses } from './public.service.ts';
import * as repo from './surveys.repository.ts';
import { createSurvey, issueCodes, standardDefinition } from './surveys.service.ts';
import { addDays, daysBetween, nowIso } from '../../../shared/time.ts';

/*
 * The demo survey for `praevis demo`: one closed survey of the largest municipality, autumn 2025,
 * 6,000 invitations, about 2,800 responses online and on paper. The answers come from a small
 * latent model, so that they correlate as in real communal surveys: fear at night rises with age,
 * is higher for women and for victims, goes with perceived incivilities and avoidance, and lowers
 * trust. Shares are close to published communal surveys (about a quarter to a third feel unsafe
 * at night; about one in five was a victim of a listed offence within a year).
 */

const FIELD_START = '2025-09-15';
const FIELD_END = '2025-10-31';
const CLOSED_ON = '2025-11-03';
const INVITATIONS = 6000;

export interface SurveyDemoSummary {
  skipped: boolean;
  surveyId: number | null;
  title: string;
  municipality: string;
  responses: number;
  codes: number;
}

const AREAS = [
  { code: 'mitte', name: 'Mitte' },
  { code: 'nord', name: 'Nord' },
  { code: 'ost', name: 'Ost' },
  { code: 'sued', name: 'Süd' },
  { code: 'west', name: 'West' },
];
// Residents answering by age group: older groups respond more often than their population share.
const AGE_WEIGHTS: Array<[string, number, number]> = [
  // code, share of respondents, effect on fear at night
  ['a16_24', 0.08, 0.05],
  ['a25_34', 0.12, -0.1],
  ['a35_44', 0.14, -0.1],
  ['a45_54', 0.16, 0],
  ['a55_64', 0.19, 0.1],
  ['a65_74', 0.17, 0.25],
  ['a75', 0.14, 0.45],
];
const OFFENCES: Array<[string, number]> = [
  ['diebstahl', 0.09],
  ['sachbeschaedigung', 0.07],
  ['betrug_online', 0.06],
  ['bedrohung', 0.04],
  ['einbruch', 0.015],
  ['koerperverletzung', 0.015],
];
// Incivilities: how common each is as a problem (offset on the latent scale).
const INCIVILITIES: Array<[string, number]> = [
  ['parken', 0.5],
  ['muell', 0.35],
  ['autofahrer', 0.3],
  ['graffiti', 0.1],
  ['jugendliche', -0.1],
  ['gebaeude', -0.3],
  ['vandalismus', -0.2],
  ['drogen', -0.55],
];
const REMARKS = [
  'Mehr Beleuchtung auf dem Weg zum Bahnhof.',
  'Öfter Polizeistreifen am Abend, vor allem am Wochenende.',
  'Der Park sollte nachts besser beleuchtet werden.',
  'Die Müllecken in der Innenstadt müssten öfter geräumt werden.',
  'Mehr Angebote für Jugendliche, damit sie nicht auf der Straße herumhängen.',
  'Raser in der Hauptstraße – bitte Geschwindigkeitskontrollen.',
  'Ich fühle mich hier grundsätzlich sicher.',
  'Bessere Busverbindungen am späten Abend.',
  'Die Unterführung am Bahnhof ist ein Angstraum.',
  'Graffiti schneller entfernen.',
  'Mehr Präsenz des Ordnungsamts.',
  'Nachbarschaftshilfe stärken.',
];

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
function pick<T>(rand: () => number, items: Array<[T, number, ...unknown[]]>): T {
  let r = rand() * items.reduce((s, i) => s + i[1], 0);
  for (const i of items) if ((r -= i[1]) <= 0) return i[0];
  return items[items.length - 1]![0];
}
/** Category index of a latent value on an ordered scale with the given thresholds. */
function ordinal(x: number, thresholds: number[]): number {
  let k = 0;
  while (k < thresholds.length && x > thresholds[k]!) k += 1;
  return k;
}
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** One plausible respondent. `missing` is the probability to skip an optional question. */
export function demoRespondent(rand: () => number, def: QuestionnaireDefinition): SurveyAnswers {
  const a: SurveyAnswers = {};
  const skip = () => rand() < 0.03;
  const age = pick(rand, AGE_WEIGHTS);
  const ageEffect = AGE_WEIGHTS.find((x) => x[0] === age)![2];
  const sex = rand() < 0.52 ? 'w' : rand() < 0.985 ? 'm' : 'd';
  const area = AREAS[Math.floor(rand() * rand() * AREAS.length * 1.6) % AREAS.length]!.code;
  const areaEffect = area === 'mitte' ? 0.25 : area === 'ost' ? 0.15 : area === 'west' ? -0.15 : 0;
  const victimOf = OFFENCES.filter(([, p]) => rand() < p * (age === 'a16_24' || age === 'a25_34' ? 1.4 : 1)).map(([c]) => c);
  const incivility = 0.6 * areaEffect + normal(rand);
  const fear = ageEffect + (sex === 'w' ? 0.45 : 0) + (victimOf.length ? 0.5 : 0) + 0.35 * incivility + areaEffect + 0.8 * normal(rand);

  const safety = ['sehr_sicher', 'ziemlich_sicher', 'ziemlich_unsicher', 'sehr_unsicher'];
  a.sicher_nachts = safety[ordinal(fear, [-0.3, 1.0, 1.9])]!;
  if (!skip())
    a.opfer_gedanke = ['nie', 'selten', 'manchmal', 'oft', 'sehr_oft'][ordinal(fear + 0.3 * normal(rand), [-0.3, 0.6, 1.4, 2.2])]!;
  if (!skip()) {
    a.meiden = {
      orte: rand() < logistic(1.3 * fear - 0.9) ? 'ja' : 'nein',
      begleitung: rand() < logistic(1.1 * fear - 1.6 + (sex === 'w' ? 0.5 : 0)) ? 'ja' : 'nein',
      verteidigung: rand() < logistic(0.9 * fear - 2.6) ? 'ja' : 'nein',
    };
  }
  const inc: Record<string, string> = {};
  for (const [row, offset] of INCIVILITIES) {
    if (rand() < 0.04) continue;
    inc[row] = ['kein', 'gering', 'ziemlich', 'gross'][ordinal(incivility + offset + 0.7 * normal(rand), [-0.2, 0.8, 1.6])]!;
  }
  if (Object.keys(inc).length) a.inzivilitaet = inc;
  if (!skip()) {
    a.opfer = victimOf.length ? victimOf : ['nichts'];
    if (victimOf.length && !skip()) a.opfer_anzahl = Math.min(99, victimOf.length + Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 0.8));
  }
  const trust = 0.9 - 0.35 * fear - (victimOf.length ? 0.3 : 0) + 0.7 * normal(rand);
  const scale = ['t1', 't2', 't3', 't4', 't5'];
  const v: Record<string, string> = {};
  if (!skip()) v.polizei = scale[ordinal(trust, [-1.4, -0.6, 0.35, 1.45])]!;
  if (!skip()) v.verwaltung = scale[ordinal(trust - 0.45 + 0.5 * normal(rand), [-1.4, -0.6, 0.35, 1.45])]!;
  if (Object.keys(v).length) a.vertrauen = v;
  if (rand() < 0.08 + 0.08 * Math.max(0, fear)) a.anmerkungen = REMARKS[Math.floor(rand() * REMARKS.length)]!;
  if (!skip()) a.altersgruppe = age;
  if (!skip()) a.geschlecht = sex;
  if (!skip())
    a.haushalt =
      age === 'a75' || age === 'a65_74'
        ? 1 + (rand() < 0.55 ? 1 : 0)
        : 1 + Math.min(5, Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 1.4));
  if (!skip()) a.ortsteil = area;
  const issues = validateAnswers(def, a, { complete: true });
  if (issues.length) throw new Error(`demo respondent invalid: ${JSON.stringify(issues)}`);
  return a;
}

/** The standard questionnaire with the town's districts (Ortsteile) for weighting by area. */
export function demoDefinition(): QuestionnaireDefinition {
  const def = standardDefinition();
  const person = def.sections.find((s) => s.id === 'person')!;
  person.questions.push({ ...areaQuestion(AREAS), help: undefined, condition: undefined } as never);
  return JSON.parse(JSON.stringify(def)) as QuestionnaireDefinition;
}

/** Adds the closed demo survey (once; a second run leaves it as it is). */
export async function addDemoSurvey(db: DbOrTrx, actor: Actor, o: { seed?: number } = {}): Promise<SurveyDemoSummary> {
  const existing = await db.selectFrom('surveys').select(['id', 'title']).where('title', 'like', `${DEMO_PREFIX}%`).executeTakeFirst();
  const place = await db
    .selectFrom('municipalities')
    .select(['ags', 'name'])
    .where('active', '=', 1)
    .orderBy('population', 'desc')
    .orderBy('ags')
    .executeTakeFirst();
  if (existing || !place)
    return {
      skipped: true,
      surveyId: existing?.id ?? null,
      title: existing?.title ?? '',
      municipality: place?.name ?? '',
      responses: 0,
      codes: 0,
    };
  const rand = seededRandom((o.seed ?? 20251015) ^ 0x5eed);
  const admin: Principal = {
    id: actor.userId ?? 0,
    email: actor.label,
    displayName: actor.label,
    role: 'admin',
    communes: [],
    directorateId: null,
    mustChangePassword: false,
  };
  const definition = demoDefinition();
  const title = `${DEMO_PREFIX} Bürgerbefragung Sicherheit ${place.name} 2025`;
  const survey = await createSurvey(
    db,
    actor,
    admin,
    { title, municipalities: [place.ags], fieldStart: FIELD_START, fieldEnd: FIELD_END },
    { definition },
  );

  // Invitations in one batch, reminders to the same batch; about 47 % answer.
  const { hashes: codes } = await issueCodes(db, survey.id, place.ags, INVITATIONS);
  const responded = codes.filter(() => rand() < 0.47);
  const online = responded.filter(() => rand() < 0.83);
  for (let i = 0; i < online.length; i += 500) {
    await db
      .updateTable('survey_codes')
      .set({ state: 'used' })
      .where('code_hash', 'in', online.slice(i, i + 500))
      .execute();
  }
  const days = daysBetween(FIELD_START, FIELD_END);
  // Most answers come in the first two weeks and after the reminder (day 21).
  const dayOf = () => {
    const wave = rand() < 0.68 ? Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 4) : 21 + Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 4);
    return addDays(FIELD_START, Math.min(days, wave));
  };
  const items = responded.map((_, i) => ({
    ags: place.ags,
    version: 1,
    definition,
    answers: demoRespondent(rand, definition),
    // As many online responses as codes marked used; the rest came back on paper.
    channel: (i < online.length ? 'online' : 'paper') as 'online' | 'paper',
    on: dayOf(),
  }));
  for (let i = 0; i < items.length; i += 1000) await storeResponses(db, survey.id, items.slice(i, i + 1000));
  await repo.updateSurveyRow(db, survey.id, survey.version, { status: 'closed', closed_on: CLOSED_ON, updated_at: nowIso() });
  await recordAudit(db, actor, {
    action: 'survey.demo',
    entityType: 'survey',
    entityId: survey.id,
    after: { responses: items.length, codes: codes.length, status: 'closed' },
  });
  return { skipped: false, surveyId: survey.id, title, municipality: place.name, responses: items.length, codes: codes.length };
}
