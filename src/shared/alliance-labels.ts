/*
 * The alliance's names and labels without Zod (decision 020): the public page and the status
 * colours read them at run time, and the schemas in alliance.schema.ts (which re-exports them)
 * build on them.
 */

type Text = { de: string; en: string };

export const EVENT_TYPES = [
  'consultation',
  'pre_agreement_signed',
  'council_resolution',
  'agreement_signed',
  'agreement_amended',
  'agreement_terminated',
  'council_constituted',
  'coaching_started',
  'coaching_ended',
  'analysis_started',
  'analysis_completed',
  'strategy_adopted',
  'withdrawn',
  'resumed',
  'problem_fields_identified',
  'prevention_areas_defined',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** German and English names of the event types (UI labels, CSV help, fact box). */
export const EVENT_TYPE_LABELS: Record<EventType, Text> = {
  consultation: { de: 'Beratung', en: 'Consultation' },
  pre_agreement_signed: { de: 'Vorvereinbarung unterzeichnet', en: 'Pre-agreement signed' },
  council_resolution: { de: 'Ratsbeschluss zur Gründung eines KPR', en: 'Council resolution to found a prevention council' },
  agreement_signed: { de: 'Kooperationsvereinbarung unterzeichnet', en: 'Cooperation agreement signed' },
  agreement_amended: { de: 'Kooperationsvereinbarung geändert', en: 'Cooperation agreement amended' },
  agreement_terminated: { de: 'Kooperationsvereinbarung beendet', en: 'Cooperation agreement terminated' },
  council_constituted: { de: 'Kommunaler Präventionsrat konstituiert', en: 'Prevention council constituted' },
  coaching_started: { de: 'Coaching begonnen', en: 'Coaching started' },
  coaching_ended: { de: 'Coaching beendet', en: 'Coaching ended' },
  analysis_started: { de: 'Sicherheitsanalyse begonnen', en: 'Security analysis started' },
  analysis_completed: { de: 'Sicherheitsanalyse abgeschlossen', en: 'Security analysis completed' },
  strategy_adopted: { de: 'Präventionsstrategie beschlossen', en: 'Prevention strategy adopted' },
  withdrawn: { de: 'Austritt oder Pause', en: 'Withdrawal or pause' },
  resumed: { de: 'Wiederaufnahme', en: 'Resumption' },
  problem_fields_identified: { de: 'Problemfelder identifiziert', en: 'Problem fields identified' },
  prevention_areas_defined: { de: 'Präventionsbereiche festgelegt', en: 'Prevention areas defined' },
};

export const MUNICIPALITY_STATUSES = [
  'none',
  'advised',
  'former',
  'collaboration',
  'pre_agreement',
  'agreement',
  'paused',
  'withdrawn',
] as const;
export type MunicipalityStatus = (typeof MUNICIPALITY_STATUSES)[number];

export const MUNICIPALITY_STATUS_LABELS: Record<MunicipalityStatus, Text> = {
  none: { de: 'Kein Kontakt', en: 'No contact' },
  advised: { de: 'Beraten', en: 'Advised' },
  former: { de: 'Ehemaliges Mitglied', en: 'Former member' },
  // Coaching or an analysis runs, but neither an agreement nor a pre-agreement is in force: not
  // counted as "in collaboration" (decision 005), and reported by `praevis check`.
  collaboration: { de: 'Coaching/Analyse ohne Vereinbarung', en: 'Coaching/analysis without agreement' },
  pre_agreement: { de: 'Vorvereinbarung', en: 'Pre-agreement' },
  agreement: { de: 'Kooperationsvereinbarung', en: 'Cooperation agreement' },
  paused: { de: 'Pausiert', en: 'Paused' },
  withdrawn: { de: 'Ausgetreten', en: 'Withdrawn' },
};

/** The network figures' keys (the fields of the figures' schema). */
export type FigureKey =
  | 'municipalities'
  | 'advised'
  | 'preAgreements'
  | 'agreementsInForce'
  | 'communesCoveredByAgreements'
  | 'agreementsSigned'
  | 'coachingRunning'
  | 'analysesUnderWay'
  | 'analysesCompleted'
  | 'inCollaboration'
  | 'withdrawn';

/** Every network figure, in the order of the figures' schema. */
export const ALL_FIGURES = [
  'municipalities',
  'advised',
  'preAgreements',
  'agreementsInForce',
  'communesCoveredByAgreements',
  'agreementsSigned',
  'coachingRunning',
  'analysesUnderWay',
  'analysesCompleted',
  'inCollaboration',
  'withdrawn',
] as const satisfies readonly FigureKey[];

/**
 * The figures the fact box (press text) names, in the order it names them (`factBoxText`); the
 * pre-agreements only when there are any. Each is linked below the text to the list it counts.
 */
export const FACT_BOX_FIGURES = [
  'agreementsInForce',
  'communesCoveredByAgreements',
  'advised',
  'agreementsSigned',
  'preAgreements',
  'coachingRunning',
  'analysesCompleted',
  'inCollaboration',
] as const satisfies readonly FigureKey[];

/** The figures that count municipalities: each drills down to the rows of the municipality list. */
export const MUNICIPALITY_FIGURES = [
  'municipalities',
  'advised',
  'preAgreements',
  'communesCoveredByAgreements',
  'coachingRunning',
  'analysesUnderWay',
  'inCollaboration',
  'withdrawn',
] as const satisfies readonly FigureKey[];
export type MunicipalityFigure = (typeof MUNICIPALITY_FIGURES)[number];

/** The figures that count agreements: each drills down to the list of those agreements. */
export const AGREEMENT_FIGURES = ['agreementsInForce', 'agreementsSigned'] as const satisfies readonly FigureKey[];
export type AgreementFigure = (typeof AGREEMENT_FIGURES)[number];

/** Column names of the figures in exports and on the dashboard. */
export const FIGURE_LABELS: Record<FigureKey, Text> = {
  municipalities: { de: 'Kommunen (aktiv)', en: 'Municipalities (active)' },
  advised: { de: 'Beratene Kommunen', en: 'Municipalities advised' },
  preAgreements: { de: 'Kommunen mit Vorvereinbarung', en: 'Municipalities with a pre-agreement' },
  agreementsInForce: { de: 'Kooperationsvereinbarungen in Kraft', en: 'Cooperation agreements in force' },
  communesCoveredByAgreements: { de: 'Kommunen mit Kooperationsvereinbarung', en: 'Municipalities covered by an agreement' },
  agreementsSigned: { de: 'Kooperationsvereinbarungen geschlossen (gesamt)', en: 'Cooperation agreements signed (total)' },
  coachingRunning: { de: 'Laufende Coachingprozesse', en: 'Coaching processes running' },
  analysesUnderWay: { de: 'Laufende Sicherheitsanalysen', en: 'Security analyses under way' },
  analysesCompleted: { de: 'Abgeschlossene Sicherheitsanalysen', en: 'Security analyses completed' },
  inCollaboration: { de: 'Kommunen in Zusammenarbeit', en: 'Municipalities in collaboration' },
  withdrawn: { de: 'Ausgetreten oder pausiert', en: 'Withdrawn or paused' },
};
