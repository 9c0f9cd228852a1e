import type { Language } from '../lib/language-choice.ts';
import de from './i18n/de.json';
import en from './i18n/en.json';

/*
 * Texts of the light entries without i18next (decision 040): each light page has its own small
 * catalogue (two JSON files with the same keys), looked up here with `{{name}}` values and the
 * plural forms `x_one` / `x_other` (German and English need no others), chosen by `count`. Both
 * languages are in the bundle, so switching needs no request. This folder's own catalogue holds
 * the texts of the frame and the form pieces that every light page shows.
 */
en satisfies typeof de;
de satisfies typeof en;

/** Plural forms (`x_one`, `x_other`) are called as `x` with a count. */
type Singular<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
/** Every key of a catalogue, e.g. `code.title`. */
export type CatalogueKey<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : CatalogueKey<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A catalogue's typed lookup in one language. */
export type Texts<K extends string> = (key: K, options?: Record<string, unknown>) => string;

function lookup(catalogue: unknown, path: string): string | undefined {
  let node = catalogue;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text of `key` in a catalogue, with its `{{values}}`; the key itself when the catalogue has none. */
export function translate(catalogue: unknown, key: string, options: Record<string, unknown> = {}): string {
  const count = options.count;
  const plural = typeof count === 'number' ? lookup(catalogue, `${key}_${count === 1 ? 'one' : 'other'}`) : undefined;
  const text = plural ?? lookup(catalogue, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
}

/**
 * The typed lookup of a catalogue pair: one function per language, made once, so that it can be a
 * dependency of hooks.
 */
export function catalogueTexts<C>(catalogues: Record<Language, C>): (lang: Language) => Texts<CatalogueKey<C>> {
  const bound = new Map<Language, Texts<CatalogueKey<C>>>();
  return (lang) => {
    let t = bound.get(lang);
    if (!t) {
      const catalogue = catalogues[lang];
      t = (key, options) => translate(catalogue, key, options);
      bound.set(lang, t);
    }
    return t;
  };
}

/** The texts of the light frame and form pieces (skip link, language switch, loading, error summary). */
export const lightT = catalogueTexts({ de, en });
