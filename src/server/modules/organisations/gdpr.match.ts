/*
 * Finding a person in free text, the same way on every database: the text is read into the
 * service and matched here. Text and patterns are folded alike (lower case, diacritics removed,
 * ä/ae → a, ö/oe → o, ü/ue → u, ß → ss, runs of white space → one space), and every match is
 * mapped back to its place in the original text, so that a redaction keeps the rest of the text.
 *
 * What is found: the full name ("Maria Muster", "Muster, Maria", "MARIA MUSTER", "Maria Müster" /
 * "Maria Muester"), the initial and surname ("M. Muster", "M Muster"), the surname after a title
 * ("Herr Muster", "Frau Dr. Muster", "Dr. Muster"), the e-mail address (any case), the phone
 * number however it is written (digits compared, with or without 0, +49 or 0049) and, as they
 * are, longer values of the person's own notes. The surname alone, a first name alone and
 * nicknames are not matched automatically (see decision 013).
 */

export const ERASED = '[gelöscht]';

/** The person's values the matcher looks for. */
export interface PersonValues {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** Longer values searched literally (after folding), e.g. the person's notes. */
  literals?: readonly string[];
}

export interface Span {
  start: number;
  end: number;
}

interface Folded {
  text: string;
  /** For each character of `text`, where it starts and ends in the original text. */
  starts: number[];
  ends: number[];
}

/** Folds a text for comparison, keeping where each folded character came from. */
export function fold(input: string): Folded {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (c: string, s: number, e: number) => {
    out.push(c);
    starts.push(s);
    ends.push(e);
  };
  for (let i = 0; i < input.length;) {
    const c = input[i]!;
    const lower = c.toLowerCase();
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < input.length && /\s/.test(input[j]!)) j += 1;
      push(' ', i, j);
      i = j;
      continue;
    }
    if ((lower === 'a' || lower === 'o' || lower === 'u') && input[i + 1]?.toLowerCase() === 'e') {
      push(lower, i, i + 2);
      i += 2;
      continue;
    }
    if (lower === 'ß') {
      push('s', i, i + 1);
      push('s', i, i + 1);
      i += 1;
      continue;
    }
    const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
    for (const b of base.length > 0 ? base : lower) push(b, i, i + 1);
    i += 1;
  }
  return { text: out.join(''), starts, ends };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folded value as a pattern: spaces and hyphens between its words may be written either way. */
const pattern = (value: string) =>
  escapeRegExp(fold(value.trim()).text)
    .split(/[ -]/)
    .filter((w) => w.length > 0)
    .join('[ -]?');

/** The digits that identify a phone number: without +49 / 0049 / the leading 0 of the area code. */
export function nationalNumber(phone: string): string {
  let d = phone.replace(/\D/g, '');
  const international = /^\s*(\+|00)/.test(phone);
  if (international) {
    if (phone.trim().startsWith('00')) d = d.slice(2);
    if (d.startsWith('49')) d = d.slice(2);
  }
  return d.replace(/^0+/, '');
}

export interface Matcher {
  /** Where the person is mentioned in a text (original positions, sorted, not overlapping). */
  find(text: string): Span[];
  /** The text with every mention replaced by `[gelöscht]`. */
  redact(text: string): string;
}

export function personMatcher(p: PersonValues): Matcher {
  // The longer values first: at one place the regular expression takes the first alternative that matches,
  // and "j.muster@example.org" must be taken as the address, not as "J. Muster" and a rest.
  const alternatives: string[] = [];
  if (p.email && p.email.includes('@')) alternatives.push(escapeRegExp(fold(p.email.trim()).text));
  for (const l of p.literals ?? []) if (l.trim().length >= 12) alternatives.push(pattern(l));
  const first = p.firstName.trim();
  const last = p.lastName.trim();
  if (last.length >= 2) {
    const L = pattern(last);
    const titles = '(?:herr|frau|hr\\.?|fr\\.?|dr\\.?|prof\\.?)';
    alternatives.push(`${titles}(?: ?(?:dr\\.?|prof\\.?))*(?: ?(?:${first ? pattern(first) : 'x^'}|[\\p{L}]\\.))? ?${L}`);
    if (first.length > 0) {
      const F = pattern(first);
      const initial = escapeRegExp(fold(first).text[0]!);
      alternatives.push(`${F} ?${L}`, `${L}, ?${F}`, `${initial}\\. ?${L}`, `${initial} ${L}`);
    }
  }
  const re = alternatives.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  const phone = p.phone ? nationalNumber(p.phone) : '';

  const find = (text: string): Span[] => {
    const spans: Span[] = [];
    if (re) {
      const f = fold(text);
      re.lastIndex = 0;
      for (let m = re.exec(f.text); m; m = re.exec(f.text)) {
        if (m[0].length === 0) {
          re.lastIndex += 1;
          continue;
        }
        spans.push({ start: f.starts[m.index]!, end: f.ends[m.index + m[0].length - 1]! });
      }
    }
    if (phone.length >= 6) spans.push(...findPhone(text, phone));
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged: Span[] = [];
    for (const s of spans) {
      const prev = merged.at(-1);
      if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
      else merged.push({ ...s });
    }
    return merged;
  };
  return {
    find,
    redact(text) {
      const spans = find(text);
      let out = text;
      for (const s of [...spans].reverse()) out = out.slice(0, s.start) + ERASED + out.slice(s.end);
      return out;
    },
  };
}

/** Runs of digits (with the separators people write between them) that contain the national number. */
function findPhone(text: string, national: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(/\+?\d[\d \t/().-]*\d/g)) {
    const positions: number[] = [];
    let digits = '';
    for (let i = 0; i < run[0].length; i += 1) {
      const c = run[0][i]!;
      if (c >= '0' && c <= '9') {
        digits += c;
        positions.push(run.index + i);
      }
    }
    for (let k = digits.indexOf(national); k >= 0; k = digits.indexOf(national, k + national.length)) {
      let from = k;
      if (from >= 1 && digits[from - 1] === '0') from -= 1;
      else if (from >= 2 && digits.slice(from - 2, from) === '49')
        from = from >= 4 && digits.slice(from - 4, from - 2) === '00' ? from - 4 : from - 2;
      let start = positions[from]!;
      if (start > 0 && text[start - 1] === '+') start -= 1;
      spans.push({ start, end: positions[k + national.length - 1]! + 1 });
    }
  }
  return spans;
}

/** A short piece of text around a mention, for the export and the review list. */
export function excerpt(text: string, span: Span, around = 40): string {
  const from = Math.max(0, span.start - around);
  const to = Math.min(text.length, span.end + around);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** Applies `redact` to every string value of a JSON value; `exact` values (a first name alone …) are replaced whole. */
export function redactJson(value: unknown, redact: (s: string) => string, exact: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return exact.has(value.trim()) ? ERASED : redact(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact, exact));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, redact, exact)]));
  return value;
}

/** Every string value of a JSON value. */
export function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) jsonStrings(v, out);
  return out;
}
