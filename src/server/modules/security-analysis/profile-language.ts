import type { Profile } from '../../../shared/security-analysis.schema.ts';
import { INDEX_LABELS } from '../surveys/index.ts';

/*
 * The area profile is built in German (its report is a German document). For the English interface
 * its fixed labels, titles and notes are put into English here, when the request asks for English;
 * names (municipalities, districts, offences, survey titles) and figures stay as they are.
 */

/** Fixed labels of the profile's tables: headers and row labels. */
const LABELS: Record<string, string> = {
  Merkmal: 'Characteristic',
  Land: 'State',
  Kreis: 'District',
  Deutschland: 'Germany',
  Kennzahl: 'Indicator',
  'Einwohner insgesamt': 'Total population',
  'davon männlich': 'of whom male',
  'davon weiblich': 'of whom female',
  'Fläche in km²': 'Area in km²',
  'Einwohner je km²': 'Inhabitants per km²',
  'Anteil an der Bevölkerung des Kreises in %': 'Share of the district population in %',
  'Erfasste Fälle': 'Recorded cases',
  'Häufigkeitszahl (Fälle je 100.000 Einwohner)': 'Crime rate (cases per 100,000 inhabitants)',
  'Aufklärungsquote in %': 'Clearance rate in %',
  'Trend der HZ über 5 Jahre in % je Jahr': 'Five-year trend of the crime rate in % per year',
  Schlüssel: 'Key',
  Straftat: 'Offence',
  Fälle: 'Cases',
  HZ: 'Crime rate',
  'Veränderung Fälle in %': 'Change in cases in %',
  Indikator: 'Indicator',
  Wert: 'Value',
  Einheit: 'Unit',
  'KI unten': 'CI lower',
  'KI oben': 'CI upper',
  'Punkte (0–100)': 'points (0–100)',
  unterdrückt: 'suppressed',
  'Abweichung vom Land in %': 'Difference from the state in %',
  Häufigkeitszahl: 'Crime rate',
  Einwohner: 'Inhabitants',
  'Anteil der Gemeinde an der Bevölkerung in %': 'Share of the municipality in the population in %',
  Ortsteil: 'Locality',
  'Anteil in %': 'Share in %',
  Anteil: 'Share',
  Beschreibung: 'Description',
  Jahr: 'Year',
  'Rang im Land': 'Rank in the state',
  'Straftaten insgesamt': 'All offences',
  // The names of the survey's standard indices ("Nachts unsicher").
  ...Object.fromEntries(Object.values(INDEX_LABELS).map((l) => [l.de, l.en])),
};

/** Titles and notes with names in them: a German pattern and its English form. */
const PATTERNS: [RegExp, string | ((...groups: string[]) => string)][] = [
  // Crime chart titles: "Döbeln: Straftaten insgesamt, Häufigkeitszahl [Demo, fiktiv]".
  [
    /^(.+): (.+), Häufigkeitszahl( \[Demo, fiktiv\])?$/,
    (_, place, offence, demo) => `${place}: ${profileTextInEnglish(offence!)}, crime rate${demo ? ' [demo, fictional]' : ''}`,
  ],
  [/^(.+) (\d{4}): Häufigkeitszahl je Kreis$/, (_, offence, year) => `${profileTextInEnglish(offence!)} ${year}: crime rate per district`],
  [/^HZ (.+)$/, (_, name) => `Crime rate ${profileTextInEnglish(name!)}`],
  [
    /^Gewichtet durch Raking \(iterative proportionale Anpassung\) an die Bevölkerungsränder der Gemeinde: (\d+) Iterationen, (konvergiert|nicht konvergiert); Konfidenzintervalle nach Wilson mit der effektiven Fallzahl nach Kish \(95 %\)\.$/,
    (_, n, converged) =>
      `Weighted by raking (iterative proportional fitting) to the municipality's population margins: ${n} iterations, ${converged === 'konvergiert' ? 'converged' : 'not converged'}; Wilson confidence intervals with Kish's effective sample size (95%).`,
  ],
  [
    /^Ungewichtete Anteile \(Rohdaten der Gemeinde\); Konfidenzintervalle nach Wilson \(95 %\)\.$/,
    "Unweighted shares (the municipality's raw data); Wilson confidence intervals (95%).",
  ],
  [/^Bürgerbefragung zum Sicherheitsgefühl \(Praevis\): „(.+)“$/, 'Citizen survey on the feeling of safety (Praevis): “$1”'],
  [/^Bevölkerungsstruktur (.+)$/, 'Population structure of $1'],
  [/^Kriminalitätskennzahlen (\d{4}) \(Straftaten insgesamt\)$/, 'Crime indicators $1 (all offences)'],
  [/^Straftatengruppen (\d{4}) \((.+)\)$/, 'Offence groups $1 ($2)'],
  [/^Ergebnisse der Bürgerbefragung „(.+)“$/, 'Results of the citizen survey “$1”'],
  [/^Bürgerbefragung (.+): Anteile in Prozent$/, 'Citizen survey $1: shares in per cent'],
  [/^Zellen mit weniger als (\d+) Antworten unterdrückt$/, 'Cells with fewer than $1 answers suppressed'],
  [/^Bürgerbefragung zum Sicherheitsgefühl \(Praevis\)$/, 'Citizen survey on the feeling of safety (Praevis)'],
  [/^Vergleich mit Kreis und Land$/, 'Comparison with district and state'],
  [/^Ortsteile von (.+)$/, 'Localities of $1'],
  [/^Lage von (.+) im (.+)$/, 'Location of $1 in $2'],
  [/^(.+) \(Kreis\)$/, '$1 (district)'],
  [/^Mit dieser Analyse ist keine Bürgerbefragung verknüpft\.$/, 'No citizen survey is linked to this analysis.'],
  [/^Die verknüpfte Befragung Nr\. (\d+) ist nicht verfügbar\.$/, 'The linked survey no. $1 is not available.'],
  [
    /^Die verknüpfte Befragung „(.+)“ ist noch nicht abgeschlossen; ihre Ergebnisse erscheinen nach dem Ende der Feldphase\.$/,
    'The linked survey “$1” is not closed yet; its results appear after the end of the field period.',
  ],
];

/** One fixed German text in English; any other text (a name, a figure) unchanged. */
export function profileTextInEnglish(text: string): string {
  const label = LABELS[text];
  if (label !== undefined) return label;
  for (const [pattern, english] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return typeof english === 'string' ? text.replace(pattern, english) : english(...m);
  }
  return text;
}

type Part = Record<string, unknown>;
const parts = (v: unknown): Part[] => (Array.isArray(v) ? (v as Part[]) : v && typeof v === 'object' ? [v as Part] : []);
const same = <T>(original: unknown, list: T[]): T | T[] => (Array.isArray(original) ? list : list[0]!);
const text = (v: unknown): unknown => (typeof v === 'string' ? profileTextInEnglish(v) : v);

/** A chart option's own words in English: title, axis names and categories, series and legend names. */
function optionInEnglish(option: unknown): unknown {
  if (!option || typeof option !== 'object') return option;
  const o: Part = { ...(option as Part) };
  if (o.title)
    o.title = same(
      o.title,
      parts(o.title).map((t) => ({ ...t, text: text(t.text) })),
    );
  for (const key of ['xAxis', 'yAxis']) {
    if (!o[key]) continue;
    o[key] = same(
      o[key],
      parts(o[key]).map((a) => ({ ...a, name: text(a.name), ...(Array.isArray(a.data) ? { data: a.data.map(text) } : {}) })),
    );
  }
  if (o.series)
    o.series = same(
      o.series,
      parts(o.series).map((s) => ({ ...s, name: text(s.name) })),
    );
  if (o.legend) {
    o.legend = same(
      o.legend,
      parts(o.legend).map((l) => (Array.isArray(l.data) ? { ...l, data: l.data.map(text) } : l)),
    );
  }
  return o;
}

const cell = <T>(value: T): T => (typeof value === 'string' ? (profileTextInEnglish(value) as T) : value);

/** The profile in the request's language: unchanged in German, its fixed texts in English otherwise. */
export function profileInLanguage(profile: Profile, lang: 'de' | 'en'): Profile {
  if (lang === 'de') return profile;
  return {
    ...profile,
    surveyNote: profile.surveyNote === null ? null : profileTextInEnglish(profile.surveyNote),
    survey: profile.survey
      ? {
          ...profile.survey,
          weighting: profileTextInEnglish(profile.survey.weighting),
          source: profileTextInEnglish(profile.survey.source),
          indices: profile.survey.indices.map((i) => ({ ...i, label: profileTextInEnglish(i.label) })),
        }
      : null,
    attribution: profile.attribution.map(profileTextInEnglish),
    tables: profile.tables.map((t) => ({
      ...t,
      title: profileTextInEnglish(t.title),
      header: t.header.map(profileTextInEnglish),
      // Row labels and fixed words in cells (e.g. "unterdrückt"); names and numbers pass unchanged.
      rows: t.rows.map((r) => r.map(cell)),
    })),
    charts: profile.charts.map((c) => {
      const title = profileTextInEnglish(c.title);
      return {
        ...c,
        title,
        option: optionInEnglish(c.option) as typeof c.option,
        table: { header: c.table.header.map(profileTextInEnglish), rows: c.table.rows.map((r) => r.map(cell)) },
        attribution: c.attribution.map(profileTextInEnglish),
      };
    }),
    map: profile.map ? { ...profile.map, title: profileTextInEnglish(profile.map.title) } : null,
  };
}
