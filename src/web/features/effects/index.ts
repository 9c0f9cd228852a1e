/* What other features use of the effects: the "Wirkung" section of municipality and project pages, the follow-up block of a security analysis. The router composes the statewide page. */
export { EffectsSection } from './components/effects-section.tsx';
export { FollowUpSection } from './components/follow-up-section.tsx';
