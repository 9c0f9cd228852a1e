import type { LocalizedText, QuestionnaireDefinition, SurveyOption } from './survey-questionnaire.ts';

/**
 * The standard questionnaire of a communal survey on feelings of safety, with the items of the
 * domain brief in the German wording used in communal surveys and an English translation:
 * felt safety, perceived risk, avoidance, incivilities, victimisation, trust, demographics.
 * A survey starts from a copy of it and may change it.
 */

const t = (de: string, en: string): LocalizedText => ({ de, en });
const opts = (...pairs: Array<[string, string, string]>): SurveyOption[] => pairs.map(([code, de, en]) => ({ code, label: t(de, en) }));

const YES_NO = opts(['ja', 'ja', 'yes'], ['nein', 'nein', 'no']);
const PROBLEM = opts(
  ['kein', 'kein Problem', 'no problem'],
  ['gering', 'geringes Problem', 'minor problem'],
  ['ziemlich', 'ziemliches Problem', 'fairly big problem'],
  ['gross', 'großes Problem', 'big problem'],
);
const TRUST = opts(
  ['t1', 'überhaupt kein Vertrauen', 'no trust at all'],
  ['t2', 'wenig Vertrauen', 'little trust'],
  ['t3', 'teils, teils', 'partly'],
  ['t4', 'viel Vertrauen', 'much trust'],
  ['t5', 'sehr viel Vertrauen', 'very much trust'],
);

/** Age groups of the weighting margins (population statistics use the same bands). */
export const AGE_GROUPS = opts(
  ['a16_24', '16 bis 24 Jahre', '16 to 24 years'],
  ['a25_34', '25 bis 34 Jahre', '25 to 34 years'],
  ['a35_44', '35 bis 44 Jahre', '35 to 44 years'],
  ['a45_54', '45 bis 54 Jahre', '45 to 54 years'],
  ['a55_64', '55 bis 64 Jahre', '55 to 64 years'],
  ['a65_74', '65 bis 74 Jahre', '65 to 74 years'],
  ['a75', '75 Jahre und älter', '75 years and older'],
);
export const SEXES = opts(['w', 'weiblich', 'female'], ['m', 'männlich', 'male'], ['d', 'divers', 'diverse']);

export const STANDARD_QUESTIONNAIRE: QuestionnaireDefinition = {
  title: t('Befragung zum Sicherheitsempfinden', 'Survey on feelings of safety'),
  intro: t(
    'Ihre Antworten sind anonym. Sie können den Fragebogen unterbrechen und mit Ihrem Zugangscode später fortsetzen.',
    'Your answers are anonymous. You can interrupt the questionnaire and continue later with your access code.',
  ),
  sections: [
    {
      id: 'sicherheit',
      title: t('Sicherheitsgefühl', 'Feeling of safety'),
      questions: [
        {
          id: 'sicher_nachts',
          type: 'single',
          required: true,
          text: t(
            'Wie sicher fühlen Sie sich nachts allein in Ihrer Wohngegend?',
            'How safe do you feel alone at night in your neighbourhood?',
          ),
          options: opts(
            ['sehr_sicher', 'sehr sicher', 'very safe'],
            ['ziemlich_sicher', 'ziemlich sicher', 'fairly safe'],
            ['ziemlich_unsicher', 'ziemlich unsicher', 'fairly unsafe'],
            ['sehr_unsicher', 'sehr unsicher', 'very unsafe'],
          ),
        },
        {
          id: 'opfer_gedanke',
          type: 'single',
          required: false,
          text: t(
            'Wie oft denken Sie daran, selbst Opfer einer Straftat zu werden?',
            'How often do you think about becoming a victim of crime yourself?',
          ),
          options: opts(
            ['nie', 'nie', 'never'],
            ['selten', 'selten', 'rarely'],
            ['manchmal', 'manchmal', 'sometimes'],
            ['oft', 'oft', 'often'],
            ['sehr_oft', 'sehr oft', 'very often'],
          ),
        },
        {
          id: 'meiden',
          type: 'matrix',
          required: false,
          text: t('Als Sie das letzte Mal abends ausgegangen sind, haben Sie …', 'The last time you went out in the evening, did you …'),
          rows: opts(
            ['orte', 'bestimmte Straßen oder Orte gemieden?', 'avoid certain streets or places?'],
            ['begleitung', 'sich begleiten lassen?', 'have someone accompany you?'],
            ['verteidigung', 'etwas zur Verteidigung mitgenommen?', 'take something to defend yourself?'],
          ),
          scale: YES_NO,
        },
      ],
    },
    {
      id: 'wohngegend',
      title: t('Ihre Wohngegend', 'Your neighbourhood'),
      questions: [
        {
          id: 'inzivilitaet',
          type: 'matrix',
          required: false,
          text: t('Wie ist das in Ihrer Wohngegend?', 'How is it in your neighbourhood?'),
          rows: opts(
            ['jugendliche', 'herumhängende Jugendliche', 'young people hanging around'],
            ['drogen', 'Drogenabhängige', 'drug addicts'],
            ['autofahrer', 'rücksichtslose Autofahrer', 'reckless drivers'],
            ['gebaeude', 'verfallene Gebäude', 'derelict buildings'],
            ['graffiti', 'besprühte/beschmierte Hauswände', 'sprayed or smeared walls'],
            ['muell', 'Dreck und Müll', 'dirt and litter'],
            ['vandalismus', 'Vandalismus', 'vandalism'],
            ['parken', 'falsch parkende Autos', 'badly parked cars'],
          ),
          scale: PROBLEM,
        },
      ],
    },
    {
      id: 'erfahrungen',
      title: t('Erfahrungen', 'Experiences'),
      questions: [
        {
          id: 'opfer',
          type: 'multi',
          required: false,
          text: t(
            'Ist Ihnen in den letzten 12 Monaten in Ihrer Gemeinde Folgendes passiert?',
            'Has any of the following happened to you in your municipality in the last 12 months?',
          ),
          options: opts(
            ['einbruch', 'Wohnungseinbruch', 'burglary'],
            ['diebstahl', 'Diebstahl', 'theft'],
            ['sachbeschaedigung', 'Sachbeschädigung', 'damage to property'],
            ['koerperverletzung', 'Körperverletzung', 'assault'],
            ['bedrohung', 'Bedrohung', 'threat'],
            ['betrug_online', 'Betrug im Internet', 'online fraud'],
            ['nichts', 'nichts davon', 'none of these'],
          ),
        },
        {
          id: 'opfer_anzahl',
          type: 'number',
          required: false,
          condition: {
            question: 'opfer',
            anyOf: ['einbruch', 'diebstahl', 'sachbeschaedigung', 'koerperverletzung', 'bedrohung', 'betrug_online'],
          },
          text: t('Wie oft ist Ihnen das insgesamt passiert?', 'How often did this happen to you in total?'),
          min: 1,
          max: 99,
        },
        {
          id: 'vertrauen',
          type: 'matrix',
          required: false,
          text: t('Wie viel Vertrauen haben Sie in …', 'How much trust do you have in …'),
          rows: opts(['polizei', 'die Polizei', 'the police'], ['verwaltung', 'die Gemeindeverwaltung', 'the municipal administration']),
          scale: TRUST,
        },
        {
          id: 'anmerkungen',
          type: 'text',
          required: false,
          maxLength: 2000,
          text: t(
            'Was sollte sich in Ihrer Wohngegend ändern, damit Sie sich sicherer fühlen?',
            'What should change in your neighbourhood to make you feel safer?',
          ),
        },
      ],
    },
    {
      id: 'person',
      title: t('Angaben zur Person', 'About you'),
      questions: [
        {
          id: 'altersgruppe',
          type: 'single',
          required: false,
          role: 'age_group',
          text: t('Wie alt sind Sie?', 'How old are you?'),
          options: AGE_GROUPS,
        },
        {
          id: 'geschlecht',
          type: 'single',
          required: false,
          role: 'sex',
          text: t('Welches Geschlecht haben Sie?', 'What is your sex?'),
          options: SEXES,
        },
        {
          id: 'haushalt',
          type: 'number',
          required: false,
          text: t(
            'Wie viele Personen leben in Ihrem Haushalt, Sie selbst eingeschlossen?',
            'How many people live in your household, including yourself?',
          ),
          min: 1,
          max: 20,
        },
      ],
    },
  ],
};

/** Builds the area (Ortsteil) question for a town that defines districts, for weighting by area. */
export function areaQuestion(areas: Array<{ code: string; name: string }>) {
  return {
    id: 'ortsteil',
    type: 'single' as const,
    required: false,
    role: 'area' as const,
    text: t('In welchem Ortsteil wohnen Sie?', 'In which district of the town do you live?'),
    options: areas.map((a) => ({ code: a.code, label: t(a.name, a.name) })),
  };
}
