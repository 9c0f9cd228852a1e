import type { Lang, MessageTexts } from './answer-model.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * The public questionnaire's own catalogue, without i18next (decision 043): a lookup in the two
 * JSON files with `{{name}}` values and the plural forms `x_one` / `x_other` (German and English
 * need no others), chosen by `count`. The questions come with their own German and English texts
 * in the definition; this catalogue holds only the frame (code entry, steps, hints, messages).
 * Same keys in both files.
 */
en satisfies typeof de;
de satisfies typeof en;

/** Plural forms (`x_one`, `x_other`) are called as `x` with a count. */
type Singular<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, e.g. `code.title`. */
export type SurveyPublicKey = Leaves<typeof de>;
export type SurveyPublicT = (key: SurveyPublicKey, options?: Record<string, unknown>) => string;

const CATALOGUES: Record<Lang, unknown> = { de, en };

function lookup(catalogue: unknown, path: string): string | undefined {
  let node = catalogue;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text of `key` in `lang`, with its `{{values}}`; the key itself when the catalogue has none. */
export function translate(lang: Lang, key: string, options: Record<string, unknown> = {}): string {
  const catalogue = CATALOGUES[lang];
  const count = options.count;
  const plural = typeof count === 'number' ? lookup(catalogue, `${key}_${count === 1 ? 'one' : 'other'}`) : undefined;
  const text = plural ?? lookup(catalogue, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
}

const bound = new Map<Lang, SurveyPublicT>();

/** The typed `t` of this feature in a language (one function per language, so it can be a dependency). */
export function surveyT(lang: Lang): SurveyPublicT {
  let t = bound.get(lang);
  if (!t) {
    t = (key, options) => translate(lang, key, options);
    bound.set(lang, t);
  }
  return t;
}

/** The answer messages that name the question's limits, in the current language. */
export function messageTexts(t: SurveyPublicT): MessageTexts {
  return {
    notNumber: t('errors.notNumber'),
    outOfRange: (q) => t('errors.outOfRange', { min: q.min, max: q.max }),
    tooLong: (q) => t('errors.tooLong', { max: q.maxLength }),
    tooMany: (q) => t('errors.tooMany', { count: q.maxChoices }),
  };
}
