/* What other modules use of the citizen surveys: a survey's head, its indices per municipality (security analysis), the indices of completed waves (effects), test helpers to store responses, and the demo survey. */
export {
  type MunicipalityIndex,
  type MunicipalityIndices,
  checkSurveyCoversMunicipality,
  type CompletedWave,
  completedSurveyWaves,
  municipalityIndices,
} from './analysis/municipality-indices.ts';
export { addDemoSurveyMargins } from './analysis/analysis.demo.ts';
export { INDEX_LABELS } from './analysis/indices.ts';
export { addDemoSurvey, type SurveyDemoSummary } from './demo.ts';
export { storeResponses } from './public.service.ts';
export { getSurveyDetail, loadDefinition } from './surveys.service.ts';
