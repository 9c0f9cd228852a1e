/** @jsxImportSource preact */
// The citizen survey's light entry (public-survey.html, served at /befragung and /befragung/<code>):
// Preact and plain HTML, without React, Mantine or any code of the signed-in app (decision 040).
import { render } from 'preact';
import { PublicSurveyApp } from './features/survey-public/pages/public-survey-page.tsx';

render(<PublicSurveyApp />, document.getElementById('root')!);
