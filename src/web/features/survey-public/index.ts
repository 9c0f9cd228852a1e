/* What the staff's survey screens reuse of the public questionnaire: its form model, question components and texts. */
export { answerPathOf, checkAnswers, cleanAnswers, focusIdOf, type Lang, loc, pathLabel, shownQuestions } from './answer-model.ts';
export { QuestionList } from './components/question-field.tsx';
export { messageTexts, useSurveyPublicT } from './i18n.ts';
