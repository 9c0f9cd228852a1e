/* What the staff's survey screens reuse of the public questionnaire: its form model, question controls (as a React island) and texts. */
export { answerPathOf, checkAnswers, cleanAnswers, focusIdOf, type Lang, loc, pathLabel, shownQuestions } from './answer-model.ts';
export { QuestionList, useSurveyPublicT } from './react-bridge.tsx';
export { messageTexts } from './texts.ts';
