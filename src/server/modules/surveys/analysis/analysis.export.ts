import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../../lib/table-export.ts';
import type { Principal } from '../../../auth/principal.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { ruleViolation } from '../../../http/problem.ts';
import { type CsvDialect, csvDownload } from '../../../lib/csv.ts';
import { getIndices, getResults, loadMarginSet, loadSurveyHead } from './analysis.service.ts';
import * as repo from './analysis.repository.ts';
import { buildResearchData, codebookRows } from './anonymise.ts';
import { EMPTY_MARGINS, type Lang, marginLabel, weightResponses } from './results.ts';

/*
 * Exports: the aggregated tables (shares with intervals, indices, weighting) as CSV (UTF-8 with
 * BOM) and XLSX – built from the same suppressed results as the API, so no export shows more –
 * and the research data set with its codebook (see anonymise.ts).
 */

type Cell = string | number | null;
/** Numbers leave at full precision (no rounding): a share as a proportion 0–1, as R and the API give it. */
const full = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

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
  const fixedNote = en ? 'fixed by weighting' : 'durch Gewichtung festgelegt';
  const resultsHeader = en
    ? ['Variable', 'Question', 'Code', 'Category', 'n', 'Share', 'SE', '95% CI low', '95% CI high', 'Design effect', 'Mean', 'Note']
    : [
        'Variable',
        'Frage',
        'Code',
        'Kategorie',
        'n',
        'Anteil',
        'SE',
        '95-%-KI unten',
        '95-%-KI oben',
        'Designeffekt',
        'Mittelwert',
        'Hinweis',
      ];
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
            full(v.mean?.se),
            full(v.mean?.ciLow),
            full(v.mean?.ciHigh),
            full(v.mean?.designEffect),
            full(v.mean?.mean),
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
            full(c.share),
            full(c.se),
            full(c.ciLow),
            full(c.ciHigh),
            full(c.designEffect),
            null,
            c.suppressed ? mark(c.suppressed) : v.fixed && c.share !== null ? fixedNote : '',
          ]),
          [v.name, v.label, '', en ? 'valid answers' : 'gültige Antworten', v.n, null, null, null, null, null, null, mark(v.suppressed)],
        ],
  );
  const indexHeader = en
    ? ['Index', 'Component', 'Unit', 'n', 'Value', 'SE', '95% CI low', '95% CI high', 'Suppression']
    : ['Index', 'Teil', 'Einheit', 'n', 'Wert', 'SE', '95-%-KI unten', '95-%-KI oben', 'Unterdrückung'];
  const unitLabel = (unit: string) => (unit === 'share' ? (en ? 'share 0–1' : 'Anteil 0–1') : en ? 'score 0–100' : 'Punkte 0–100');
  const estimateCells = (e: { n: number | null; value: number | null; se: number | null; ciLow: number | null; ciHigh: number | null }) => [
    e.n,
    full(e.value),
    full(e.se),
    full(e.ciLow),
    full(e.ciHigh),
  ];
  const indexRows: Cell[][] = indices.indices.flatMap((ix) => [
    [ix.label, '', unitLabel(ix.unit), ...estimateCells(ix.estimate), mark(ix.estimate.suppressed)],
    ...ix.components.map((c): Cell[] => [ix.label, c.label, unitLabel(ix.unit), ...estimateCells(c.estimate), mark(c.estimate.suppressed)]),
  ]);
  const w = results.weighting;
  const yes = en ? 'yes' : 'ja';
  const no = en ? 'no' : 'nein';
  const weightingRows: Cell[][] = results.weighted
    ? [
        [en ? 'Weighted' : 'Gewichtet', en ? 'yes (raking)' : 'ja (Raking)'],
        [en ? 'Margins' : 'Randverteilungen', w.margins.map((m) => m.label).join('; ')],
        [en ? 'Iterations' : 'Iterationen', w.iterations],
        [en ? 'Converged' : 'Konvergiert', w.converged ? yes : no],
        [en ? 'Max. relative deviation' : 'Max. relative Abweichung', w.maxRelativeDeviation],
        [en ? 'Trimming bound (largest weight)' : 'Kappungsgrenze (größtes Gewicht)', w.trimUpper ?? (en ? 'none' : 'keine')],
        [en ? 'Respondents at a trimming bound' : 'Befragte an einer Kappungsgrenze', w.trimmed],
        [en ? 'Smallest weight' : 'Kleinstes Gewicht', full(w.minWeight)],
        [en ? 'Largest weight' : 'Größtes Gewicht', full(w.maxWeight)],
        [en ? 'Coefficient of variation of the weights' : 'Variationskoeffizient der Gewichte', full(w.cvWeights)],
        [en ? 'Design effect of the weights (1 + CV²)' : 'Designeffekt der Gewichte (1 + CV²)', full(w.weightsDesignEffect)],
        [en ? 'Effective sample size (Kish)' : 'Effektive Fallzahl (Kish)', full(w.effectiveSize)],
      ]
    : [[en ? 'Weighted' : 'Gewichtet', en ? 'no (unweighted results)' : 'nein (ungewichtete Ergebnisse)']];
  const method = results.weighted
    ? en
      ? 'Weighted by raking to the population margins. Standard errors: linearised (Taylor) for the raked estimator, as R survey (rake + svymean); 95% intervals for shares from the logit transform (as svyciprop, method "logit", t with n − 1 df), for means normal. Design effect: linearised variance over the variance of a simple random sample of the same size. The shares of the weighting variables are fixed by the raking and carry no interval.'
      : 'Gewichtet durch Raking auf die Randverteilungen der Bevölkerung. Standardfehler: linearisiert (Taylor) für den geraketen Schätzer, wie R survey (rake + svymean); 95-%-Intervalle für Anteile über die Logit-Transformation (wie svyciprop, Methode „logit“, t mit n − 1 Freiheitsgraden), für Mittelwerte normal. Designeffekt: linearisierte Varianz geteilt durch die einer einfachen Zufallsstichprobe gleicher Größe. Die Anteile der Gewichtungsvariablen legt das Raking fest; sie haben kein Intervall.'
    : en
      ? 'Unweighted. Standard errors of a simple random sample of the respondents who answered (with n − 1); 95% intervals for shares from the logit transform (t with n − 1 df), for means normal.'
      : 'Ungewichtet. Standardfehler einer einfachen Zufallsstichprobe der Antwortenden (mit n − 1); 95-%-Intervalle für Anteile über die Logit-Transformation (t mit n − 1 Freiheitsgraden), für Mittelwerte normal.';
  const title = `${results.weighted ? (en ? 'WEIGHTED' : 'GEWICHTET') : en ? 'UNWEIGHTED' : 'UNGEWICHTET'} – ${results.title}`;
  const note = en
    ? `Survey "${results.title}", ${results.responses ?? `< ${results.kMin}`} responses. Cells with fewer than ${results.kMin} answers are suppressed, and further cells where a suppressed one could be recomputed from totals. ${method}`
    : `Befragung „${results.title}“, ${results.responses ?? `< ${results.kMin}`} Antworten. Zellen mit weniger als ${results.kMin} Antworten sind unterdrückt, dazu weitere, aus denen sich eine unterdrückte Zelle über Summen errechnen ließe. ${method}`;
  return { results, title, resultsHeader, resultRows, indexHeader, indexRows, weightingRows, note };
}

const fileBase = (id: number) => `befragung-${id}`;

export async function buildResultsExport(
  db: DbOrTrx,
  principal: Principal,
  id: number,
  format: 'csv' | 'xlsx',
  weighted: boolean,
  lang: Lang,
  dialect: CsvDialect = 'excel-de',
) {
  const t = await tables(db, principal, id, weighted, lang);
  const suffix = t.results.weighted ? 'gewichtet' : 'ungewichtet';
  if (format === 'csv') {
    const rows: Cell[][] = [
      [t.title],
      t.resultsHeader,
      ...t.resultRows,
      [],
      t.indexHeader,
      ...t.indexRows,
      [],
      ...t.weightingRows,
      [],
      [t.note],
    ];
    return csvDownload(rows, dialect, `${fileBase(id)}-ergebnisse-${suffix}.csv`);
  }
  const bold = (h: string) => ({ value: h, fontWeight: 'bold' as const });
  const cells = (r: Cell[]) => r.map((v) => (v === null || v === '' ? null : { value: v }));
  const en = lang === 'en';
  const sheets: Array<Sheet<unknown>> = [
    {
      sheet: en ? 'Results' : 'Ergebnisse',
      stickyRowsCount: 2,
      data: [[bold(t.title)], t.resultsHeader.map(bold), ...t.resultRows.map(cells), [], [{ value: t.note }]],
    },
    { sheet: en ? 'Indices' : 'Indizes', data: [[bold(t.title)], t.indexHeader.map(bold), ...t.indexRows.map(cells)] },
    { sheet: en ? 'Weighting' : 'Gewichtung', data: [[bold(t.title)], ...t.weightingRows.map(cells)] },
  ];
  return xlsxDownload(sheets, `${fileBase(id)}-ergebnisse-${suffix}.xlsx`);
}

/** The anonymised research data set (closed surveys only). */
export async function buildResponsesExport(db: DbOrTrx, principal: Principal, id: number, dialect: CsvDialect = 'excel-de') {
  const h = await loadSurveyHead(db, principal, id, 'run');
  if (h.survey.status !== 'closed') {
    throw ruleViolation({
      de: 'Regel „Forschungsdaten erst nach Abschluss“: den Datensatz gibt es erst, wenn die Befragung abgeschlossen ist.',
      en: 'Rule "research data after closing": the data set is available once the survey is closed.',
    });
  }
  const count = await repo.countSurveyResponses(db, id);
  const { matrix, ags } = await repo.readResponseMatrix(db, id, h.codebook.length, h.versions, count, { withAgs: true });
  // The raking weight of every response (the results' weighting), for researchers to reuse.
  const set = await repo.findMarginSet(db, id);
  const upper = set?.trim_upper ?? null;
  const weighting = weightResponses(
    h.codebook,
    matrix,
    set ? await loadMarginSet(db, id) : EMPTY_MARGINS,
    h.survey.k_min,
    'de',
    upper ? { trim: { upper, lower: 1 / upper } } : undefined,
  );
  const data = buildResearchData(h.codebook, matrix, ags, h.survey.k_min, h.scope.ags.length > 1, weighting.weights);
  return csvDownload([data.header, ...data.rows], dialect, `${fileBase(id)}-antworten.csv`);
}

export async function buildCodebookExport(db: DbOrTrx, principal: Principal, id: number, lang: Lang, dialect: CsvDialect = 'excel-de') {
  const h = await loadSurveyHead(db, principal, id, 'run');
  const set = await repo.findMarginSet(db, id);
  const margins = set ? await loadMarginSet(db, id) : EMPTY_MARGINS;
  const rows = codebookRows(h.codebook, h.scope.ags.length > 1, lang, {
    margins: margins.map((m) => marginLabel(m.variables, lang)),
    trimUpper: set?.trim_upper ?? null,
  });
  return csvDownload(rows, dialect, `${fileBase(id)}-codebuch.csv`);
}
