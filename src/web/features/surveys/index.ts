/* What other features use of the surveys: the survey picker. The router (app/router.tsx) composes its pages. */
export { SurveyPicker } from './components/survey-picker.tsx';
