import crypto from 'node:crypto';
import type { CodebookVariable } from '../../../../shared/survey-questionnaire.ts';
import type { ResponseMatrix } from './tabulate.ts';

/*
 * The research data set (decision 011): one row per response, in random order, without the
 * response id, the day of receipt, the channel and any free text (text questions are left out
 * entirely). The quasi-identifiers – the weighting questions (age group, sex, area), every number
 * question (household size, number of incidents) and the municipality when a survey spans several –
 * are made k-anonymous by local suppression: while some combination of them occurs in fewer than
 * k rows, the next quasi-identifier in the order municipality → numbers → area → age group → sex is
 * blanked in exactly those rows; rows still unique at the end lose all of them. Education, when
 * the questionnaire asks it for weighting, is a quasi-identifier too (blanked first). With
 * weights, a last column `gewicht` gives each response's raking weight at full precision – empty
 * where a weighting answer was blanked, since the weight would reveal it (decision 024).
 */

export interface ResearchData {
  header: string[];
  rows: Array<Array<number | string | null>>;
  /** Values blanked per quasi-identifier. */
  blanked: Record<string, number>;
}

/** Codebook variables exported (no free texts). */
export const exportedVariables = (codebook: readonly CodebookVariable[]) => codebook.filter((v) => v.kind !== 'text');

export function buildResearchData(
  codebook: readonly CodebookVariable[],
  m: ResponseMatrix,
  ags: ReadonlyArray<string | null>,
  k: number,
  withAgs: boolean,
  weights: Float64Array | null = null,
): ResearchData {
  const vars = exportedVariables(codebook);
  const n = m.rows;
  // Values per row (0 = missing / blanked), plus the municipality as its own column when exported.
  const table = vars.map((v) => Uint16Array.from({ length: n }, (_, i) => m.data[i * m.cols + v.index]!));
  const agsCodes = new Map<string, number>();
  const agsColumn = Uint16Array.from({ length: n }, (_, i) => {
    const a = ags[i];
    if (!withAgs || !a) return 0;
    if (!agsCodes.has(a)) agsCodes.set(a, agsCodes.size + 1);
    return agsCodes.get(a)!;
  });
  const byRole = (r: string) => vars.findIndex((v) => v.role === r);
  const qis: Array<{ name: string; column: Uint16Array }> = [];
  if (withAgs) qis.push({ name: 'ags', column: agsColumn });
  vars.forEach((v, j) => {
    if (v.kind === 'number') qis.push({ name: v.name, column: table[j]! });
  });
  const weighting: Array<{ column: Uint16Array; original: Uint16Array }> = [];
  for (const r of ['education', 'area', 'age_group', 'sex']) {
    const j = byRole(r);
    if (j >= 0) {
      qis.push({ name: vars[j]!.name, column: table[j]! });
      weighting.push({ column: table[j]!, original: Uint16Array.from(table[j]!) });
    }
  }
  const blanked: Record<string, number> = Object.fromEntries(qis.map((q) => [q.name, 0]));
  const rareRows = () => {
    const keys = Array.from({ length: n }, (_, i) => qis.map((q) => q.column[i]).join(','));
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return keys.flatMap((key, i) => (counts.get(key)! < k ? [i] : []));
  };
  for (const q of qis) {
    const rare = rareRows();
    if (rare.length === 0) break;
    for (const i of rare) {
      if (q.column[i] !== 0) blanked[q.name]! += 1;
      q.column[i] = 0;
    }
  }
  for (const i of rareRows())
    for (const q of qis) {
      if (q.column[i] !== 0) blanked[q.name]! += 1;
      q.column[i] = 0;
    }

  // Random order, so the row order says nothing about the order of arrival.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = crypto.randomInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const agsByCode = new Map([...agsCodes.entries()].map(([a, c]) => [c, a]));
  // The weight says which weighting cells a respondent is in: where any weighting answer was
  // blanked for anonymity, the weight is withheld too, or it would give the answer back.
  const weightOf = (i: number) => (!weights || weighting.some((x) => x.column[i] !== x.original[i]) ? null : weights[i]!);
  const header = ['nr', ...(withAgs ? ['ags'] : []), ...vars.map((v) => v.name), ...(weights ? ['gewicht'] : [])];
  const rows = order.map((i, r) => [
    r + 1,
    ...(withAgs ? [agsByCode.get(agsColumn[i]!) ?? null] : []),
    ...vars.map((v, j) => {
      const x = table[j]![i]!;
      if (x === 0) return null;
      return v.kind === 'number' ? x - 1 : x;
    }),
    ...(weights ? [weightOf(i)] : []),
  ]);
  return { header, rows, blanked };
}

/** The codebook of the research data set: one line per value of every exported variable. */
export function codebookRows(
  codebook: readonly CodebookVariable[],
  withAgs: boolean,
  lang: 'de' | 'en',
  weighting: { margins: string[]; trimUpper: number | null } = { margins: [], trimUpper: null },
): Array<Array<string | number>> {
  const t = (x: { de: string; en: string }) => (lang === 'en' && x.en ? x.en : x.de);
  const rows: Array<Array<string | number>> = [['variable', 'label', 'kind', 'value', 'code', 'value_label']];
  rows.push(['nr', lang === 'en' ? 'Running number (random order)' : 'Laufende Nummer (zufällige Reihenfolge)', 'id', '', '', '']);
  if (withAgs) rows.push(['ags', lang === 'en' ? 'Municipality (AGS)' : 'Gemeinde (AGS)', 'text', '', '', '']);
  for (const v of exportedVariables(codebook)) {
    if (v.kind === 'number') rows.push([v.name, t(v.label), v.kind, '', '', lang === 'en' ? 'the number given' : 'angegebene Zahl']);
    else for (const val of v.values) rows.push([v.name, t(v.label), v.kind, val.value, val.code, t(val.label)]);
  }
  if (weighting.margins.length > 0) {
    const en = lang === 'en';
    const trim =
      weighting.trimUpper === null
        ? en
          ? 'no trimming'
          : 'ohne Kappung'
        : en
          ? `trimmed to ${1 / weighting.trimUpper} … ${weighting.trimUpper}, then raked again`
          : `gekappt auf ${1 / weighting.trimUpper} … ${weighting.trimUpper}, danach erneut geraket`;
    rows.push([
      'gewicht',
      en
        ? `Weight: raking (iterative proportional fitting) to the margins ${weighting.margins.join('; ')}; mean 1 over all responses; ${trim}. Empty where a weighting answer was blanked for anonymity. Full precision.`
        : `Gewicht: Raking (iterative proportionale Anpassung) an die Randverteilungen ${weighting.margins.join('; ')}; Mittelwert 1 über alle Antworten; ${trim}. Leer, wo eine Gewichtungsangabe zur Anonymisierung entfernt wurde. Volle Genauigkeit.`,
      'weight',
      '',
      '',
      '',
    ]);
  }
  rows.push([
    '',
    lang === 'en'
      ? 'Empty cell: not answered, skipped, or blanked for anonymity'
      : 'Leere Zelle: nicht beantwortet, übersprungen oder zur Anonymisierung entfernt',
    '',
    '',
    '',
    '',
  ]);
  return rows;
}
