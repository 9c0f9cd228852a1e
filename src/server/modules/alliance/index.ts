/* What other modules use of the alliance: its events (milestones of councils, coaching and priorities), settings, demo history, and the figures engine (the annual report). */
export { listActiveEvents, listTimeline, recordEvent } from './events.service.ts';
export { assertPublicPageEnabled, getSettings } from './settings.service.ts';
export { type DemoSummary, DEMO_PREFIX, runDemo, seededRandom } from './demo.ts';
export { recordMilestone } from './milestones.ts';
export { findAllianceContradictions, listLifecycleEvents } from './alliance.consistency.ts';
export { getFactBox, loadFigureInputs, figuresFrom, type FigureInputs, listAgreementFigureRows, listStatuses } from './figures.service.ts';
export { findPairedEnd, type LifecycleInterval, listHistoricIntervals, pairIntervals } from './historic.ts';
