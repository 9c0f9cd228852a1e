import writeXlsxFile, { type Sheet } from 'write-excel-file/node';
import type { Principal } from '../../../auth/principal.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { ruleViolation } from '../../../http/problem.ts';
import { toCsv } from '../../../lib/csv.ts';
import { getIndices, getResults, loadSurveyHead } from './analysis.service.ts';
import * as repo from './analysis.repository.ts';
import { buildResearchData, codebookRows } from './anonymise.ts';
import type { Lang } from './results.ts';

/*
 * Exports: the aggregated tables (shares with intervals, indices, weighting) as CSV (UTF-8 with
 * BOM) and XLSX – built from the same suppressed results as the API, so no export shows more –
 * and the research data set with its codebook (see anonymise.ts).
 */

type Cell = string | number | null;
const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);
const round = (x: number | null, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

async function tables(db: DbOrTrx, principal: Principal, id: number, weighted: boolean, lang: Lang) {
  const results = await getResults(db, principal, id, { weighted, lang });
  const indices = await getIndices(db, principal, id, { weighted, lang });
  const en = lang === 'en';
  const mark = (s: 'primary' | 'secondary' | null) =>
    s === 'primary'
      ? en
        ? `suppressed (< ${results.kMin})`
        : `unterdrückt (< ${results.kMin})`
      : s === 'secondary'
        ? en
          ? 'suppressed (complementary)'
          : 'unterdrückt (komplementär)'
        : '';
  const resultsHeader = en
    ? ['Variable', 'Question', 'Code', 'Category', 'n', 'Share %', '95% CI low %', '95% CI high %', 'Mean', 'Suppression']
    : ['Variable', 'Frage', 'Code', 'Kategorie', 'n', 'Anteil %', '95-%-KI unten %', '95-%-KI oben %', 'Mittelwert', 'Unterdrückung'];
  const resultRows: Cell[][] = results.variables.flatMap((v) =>
    v.kind === 'number'
      ? [
          [
            v.name,
            v.label,
            '',
            en ? '(number)' : '(Zahl)',
            v.mean?.n ?? null,
            null,
            round(v.mean?.ciLow ?? null),
            round(v.mean?.ciHigh ?? null),
            round(v.mean?.mean ?? null),
            mark(v.suppressed),
          ],
        ]
      : [
          ...v.categories.map((c): Cell[] => [
            v.name,
            v.label,
            c.code,
            c.label,
            c.n,
            pct(c.share),
            pct(c.ciLow),
            pct(c.ciHigh),
            null,
            mark(c.suppressed),
          ]),
          [v.name, v.label, '', en ? 'valid answers' : 'gültige Antworten', v.n, null, null, null, null, mark(v.suppressed)],
        ],
  );
  const indexHeader = en
    ? ['Index', 'Component', 'Unit', 'n', 'Value', '95% CI low', '95% CI high', 'Suppression']
    : ['Index', 'Teil', 'Einheit', 'n', 'Wert', '95-%-KI unten', '95-%-KI oben', 'Unterdrückung'];
  const scale = (unit: string, x: number | null) => (unit === 'share' ? pct(x) : round(x));
  const unitLabel = (unit: string) => (unit === 'share' ? '%' : en ? 'score 0–100' : 'Punkte 0–100');
  const indexRows: Cell[][] = indices.indices.flatMap((ix) => [
    [
      ix.label,
      '',
      unitLabel(ix.unit),
      ix.estimate.n,
      scale(ix.unit, ix.estimate.value),
      scale(ix.unit, ix.estimate.ciLow),
      scale(ix.unit, ix.estimate.ciHigh),
      mark(ix.estimate.suppressed),
    ],
    ...ix.components.map((c): Cell[] => [
      ix.label,
      c.label,
      unitLabel(ix.unit),
      c.estimate.n,
      scale(ix.unit, c.estimate.value),
      scale(ix.unit, c.estimate.ciLow),
      scale(ix.unit, c.estimate.ciHigh),
      mark(c.estimate.suppressed),
    ]),
  ]);
  const w = results.weighting;
  const weightingRows: Cell[][] = [
    [en ? 'Weighted' : 'Gewichtet', results.weighted ? (en ? 'yes (raking)' : 'ja (Raking)') : en ? 'no' : 'nein'],
    [en ? 'Iterations' : 'Iterationen', w.iterations],
    [en ? 'Converged' : 'Konvergiert', w.converged ? (en ? 'yes' : 'ja') : en ? 'no' : 'nein'],
    [en ? 'Max. relative deviation' : 'Max. relative Abweichung', w.maxRelativeDeviation],
    [en ? 'Effective sample size (Kish)' : 'Effektive Fallzahl (Kish)', round(w.effectiveSize, 1)],
    [en ? 'Design effect' : 'Designeffekt', round(w.designEffect, 3)],
    [en ? 'Weights min / max' : 'Gewichte min / max', `${round(w.minWeight, 3)} / ${round(w.maxWeight, 3)}`],
  ];
  const note = en
    ? `Survey "${results.title}", ${results.responses ?? `< ${results.kMin}`} responses. Cells with fewer than ${results.kMin} answers are suppressed, and further cells where a suppressed one could be recomputed from totals. 95% confidence intervals: Wilson score (weighted: with the Kish effective sample size).`
    : `Befragung „${results.title}“, ${results.responses ?? `< ${results.kMin}`} Antworten. Zellen mit weniger als ${results.kMin} Antworten sind unterdrückt, dazu weitere, aus denen sich eine unterdrückte Zelle über Summen errechnen ließe. 95-%-Konfidenzintervalle: Wilson-Score (gewichtet: mit der effektiven Fallzahl nach Kish).`;
  return { results, resultsHeader, resultRows, indexHeader, indexRows, weightingRows, note };
}

const fileBase = (id: number) => `befragung-${id}`;

export async function buildResultsExport(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  format: 'csv' | 'xlsx',
  weighted: boolean,
  lang: Lang,
) {
  const t = await tables(db, principal, id, weighted, lang);
  if (format === 'csv') {
    const rows: Cell[][] = [t.resultsHeader, ...t.resultRows, [], t.indexHeader, ...t.indexRows, [], ...t.weightingRows, [], [t.note]];
    return {
      body: Buffer.from(`\ufeff${toCsv(rows)}`, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${fileBase(id)}-ergebnisse.csv`,
    };
  }
  const bold = (h: string) => ({ value: h, fontWeight: 'bold' as const });
  const cells = (r: Cell[]) => r.map((v) => (v === null || v === '' ? null : { value: v }));
  const en = lang === 'en';
  const sheets: Array<Sheet<unknown>> = [
    {
      sheet: en ? 'Results' : 'Ergebnisse',
      stickyRowsCount: 1,
      data: [t.resultsHeader.map(bold), ...t.resultRows.map(cells), [], [{ value: t.note }]],
    },
    { sheet: en ? 'Indices' : 'Indizes', stickyRowsCount: 1, data: [t.indexHeader.map(bold), ...t.indexRows.map(cells)] },
    { sheet: en ? 'Weighting' : 'Gewichtung', data: t.weightingRows.map(cells) },
  ];
  const body = await writeXlsxFile(sheets as never).toBuffer();
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${fileBase(id)}-ergebnisse.xlsx`,
  };
}

/** The anonymised research data set (closed surveys only). */
export async function buildResponsesExport(db: DbOrTrx, principal: Principal, id: number) {
  const h = await loadSurveyHead(db, principal, id, 'run');
  if (h.survey.status !== 'closed') {
    throw ruleViolation({
      de: 'Regel „Forschungsdaten erst nach Abschluss“: den Datensatz gibt es erst, wenn die Befragung abgeschlossen ist.',
      en: 'Rule "research data after closing": the data set is available once the survey is closed.',
    });
  }
  const count = await repo.countSurveyResponses(db, id);
  const { matrix, ags } = await repo.readResponseMatrix(db, id, h.codebook.length, h.versions, count, { withAgs: true });
  const data = buildResearchData(h.codebook, matrix, ags, h.survey.k_min, h.scope.ags.length > 1);
  return {
    body: Buffer.from(`\ufeff${toCsv([data.header, ...data.rows])}`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `${fileBase(id)}-antworten.csv`,
  };
}

export async function buildCodebookExport(db: DbOrTrx, principal: Principal, id: number, lang: Lang) {
  const h = await loadSurveyHead(db, principal, id, 'run');
  const rows = codebookRows(h.codebook, h.scope.ags.length > 1, lang);
  return {
    body: Buffer.from(`\ufeff${toCsv(rows)}`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `${fileBase(id)}-codebuch.csv`,
  };
}
