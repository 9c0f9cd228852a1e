/* What other modules use of the alliance: its events (milestones of councils, coaching and priorities), settings and demo history. */
export { listActiveEvents, listTimeline, recordEvent } from './events.service.ts';
export { getSettings } from './settings.service.ts';
export { type DemoSummary, DEMO_PREFIX, runDemo, seededRandom } from './demo.ts';
export { recordMilestone } from './milestones.ts';
export { findAllianceContradictions, listLifecycleEvents } from './alliance.consistency.ts';
export { type LifecycleInterval, listHistoricIntervals, pairIntervals } from './historic.ts';
