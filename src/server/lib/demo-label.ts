import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * The "Demo-Daten" label of exports (decision 036). An export route runs inside a context that
 * says whether demo data exist; the writers every export goes through (the CSV writer, the file
 * name of the answer, the PDF layout layer, the XLSX sheets) read it and label their output.
 */

const context = new AsyncLocalStorage<{ demo: boolean }>();

/** The label, in German first as the product speaks. */
export const DEMO_LABEL = 'Demo-Daten';
export const DEMO_LABEL_LINE = 'Demo-Daten: fiktive Einträge aus „praevis demo“ / demo data: fictional entries';

/** Runs `fn` with the demo label switched on or off for everything it writes. */
export function withDemoLabel<T>(demo: boolean, fn: () => T): T {
  return context.run({ demo }, fn);
}

/** Whether the output being written must carry the demo label. */
export function demoLabelActive(): boolean {
  return context.getStore()?.demo ?? false;
}

/** XLSX sheets as the exports build them for write-excel-file: rows of cells, header rows kept in view. */
interface SheetLike {
  data: unknown[][];
  stickyRowsCount?: number;
}

/** Puts the demo label line above every sheet's rows while the label is on; otherwise returns the sheets as they are. */
export function labelSheets<S extends SheetLike>(sheets: S[]): S[] {
  if (!demoLabelActive()) return sheets;
  return sheets.map((s) => ({
    ...s,
    data: [[{ value: DEMO_LABEL_LINE, fontWeight: 'bold' }], ...s.data],
    stickyRowsCount: s.stickyRowsCount ? s.stickyRowsCount + 1 : s.stickyRowsCount,
  }));
}
