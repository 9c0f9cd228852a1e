import { h, render } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QuestionList as LightQuestionList, type QuestionListProps } from './components/question-field.tsx';
import { type SurveyPublicT, surveyT } from './texts.ts';

/*
 * The questionnaire's Preact controls inside the signed-in (React) app (decision 040): the editor's
 * preview and the paper entry show exactly the controls that respondents use, mounted as an
 * island in a React element, so there is one implementation of the questions.
 */

/** The given questions one under another (see components/question-field.tsx), for React pages. */
export function QuestionList(props: QuestionListProps) {
  const host = useRef<HTMLDivElement>(null);
  // Every render of the React parent renders the island with the new props.
  useLayoutEffect(() => {
    if (host.current) render(h(LightQuestionList, props), host.current);
  });
  useEffect(() => {
    const el = host.current;
    return () => {
      if (el) render(null, el);
    };
  }, []);
  return <div ref={host} />;
}

/** The typed `t` of the questionnaire's catalogue in `lang`, or the UI language; re-renders when that changes. */
export function useSurveyPublicT(lang?: string): SurveyPublicT {
  const { i18n } = useTranslation();
  const language = lang ?? i18n.language;
  return useMemo(() => surveyT(language === 'en' ? 'en' : 'de'), [language]);
}
