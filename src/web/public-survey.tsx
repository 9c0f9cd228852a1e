// The citizen survey's entry (public-survey.html, served at /befragung and /befragung/<code>).
import { mountPublicEntry } from './app/public-entry.tsx';
import { PublicSurveyPage } from './features/survey-public/pages/public-survey-page.tsx';

mountPublicEntry(<PublicSurveyPage />);
