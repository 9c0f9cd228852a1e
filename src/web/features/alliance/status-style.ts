import type { FigureCounts } from '../../../shared/alliance.schema.ts';
// The labels come from the Zod-free module, so the public page loads no schema (decision 020).
import {
  EVENT_TYPE_LABELS,
  type EventType,
  FIGURE_LABELS,
  MUNICIPALITY_STATUS_LABELS,
  MUNICIPALITY_STATUSES,
  type MunicipalityStatus,
} from '../../../shared/alliance-labels.ts';
import { currentLanguage } from '../../lib/i18n.ts';

/*
 * Domain labels (statuses, event types, figures) are defined once in the shared schema, in German
 * and English, for the server's exports and fact box and for this UI alike.
 */

export const statusLabel = (s: MunicipalityStatus): string => MUNICIPALITY_STATUS_LABELS[s][currentLanguage()];
export const eventTypeLabel = (t: EventType): string => EVENT_TYPE_LABELS[t][currentLanguage()];
export const figureLabel = (k: keyof FigureCounts): string => FIGURE_LABELS[k][currentLanguage()];

/** Statuses in the order of the legend: the furthest along first. */
export const STATUS_ORDER: readonly MunicipalityStatus[] = [
  'agreement',
  'pre_agreement',
  'collaboration',
  'advised',
  'former',
  'paused',
  'withdrawn',
  'none',
];
MUNICIPALITY_STATUSES satisfies readonly MunicipalityStatus[];

/*
 * Map colours: distinct hues, each at least 3:1 against the white map background (WCAG 1.4.11),
 * checked for the common colour vision deficiencies by hue and lightness; "none" is the light base.
 * The table alternative and the legend name every status in words, so nothing relies on colour.
 */
export const STATUS_COLOURS: Record<MunicipalityStatus, string> = {
  agreement: '#0a5a9c',
  pre_agreement: '#00795a',
  collaboration: '#7a3e9d',
  advised: '#b35900',
  former: '#6c757d',
  paused: '#b0305a',
  withdrawn: '#6b3a1f',
  none: '#e9ecef',
};

/** Figures in the order the dashboard and tables show them. */
export const FIGURE_KEYS: readonly (keyof FigureCounts)[] = [
  'inCollaboration',
  'advised',
  'preAgreements',
  'agreementsInForce',
  'communesCoveredByAgreements',
  'agreementsSigned',
  'coachingRunning',
  'analysesUnderWay',
  'analysesCompleted',
  'withdrawn',
  'municipalities',
];

/** The columns of the per-district and per-directorate tables. */
export const TABLE_FIGURE_KEYS: readonly (keyof FigureCounts)[] = [
  'municipalities',
  'advised',
  'preAgreements',
  'agreementsInForce',
  'communesCoveredByAgreements',
  'coachingRunning',
  'analysesCompleted',
  'inCollaboration',
  'withdrawn',
];

const BREAKS = /(Kooperations|Sicherheits|Coaching|Vor)(vereinbarung|analyse|prozess)/g;

/**
 * Narrow table headers: soft hyphens inside the long German compounds ("Kooperations­vereinbarungen"),
 * so a column need not be as wide as its longest word. Screen readers ignore them.
 */
export const breakable = (label: string): string => label.replace(BREAKS, '$1\u00AD$2');
