import { type CatalogueKey, catalogueTexts, type Texts } from '../../light/texts.ts';
import type { MessageTexts } from './answer-model.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The public questionnaire's own catalogue, looked up without i18next (light/texts.ts, decision
 * 043). The questions come with their own German and English texts in the definition; this
 * catalogue holds the rest of the questionnaire (code entry, steps, hints, messages); the frame's
 * texts are those of light/. Same keys in both files.
 */
en satisfies typeof de;
de satisfies typeof en;

/** Every key of the catalogue, e.g. `code.title`. */
export type SurveyPublicKey = CatalogueKey<typeof de>;
export type SurveyPublicT = Texts<SurveyPublicKey>;

/** The typed `t` of this feature in a language (one function per language, so it can be a dependency). */
export const surveyT = catalogueTexts({ de, en });

/** The answer messages that name the question's limits, in the current language. */
export function messageTexts(t: SurveyPublicT): MessageTexts {
  return {
    notNumber: t('errors.notNumber'),
    outOfRange: (q) => t('errors.outOfRange', { min: q.min, max: q.max }),
    tooLong: (q) => t('errors.tooLong', { max: q.maxLength }),
    tooMany: (q) => t('errors.tooMany', { count: q.maxChoices }),
  };
}
