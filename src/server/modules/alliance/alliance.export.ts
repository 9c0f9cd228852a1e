import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import type { AgreementFigureRows, ExportQuery, FigureCounts, MunicipalityStatusRow } from '../../../shared/alliance.schema.ts';
import { FIGURE_LABELS, MUNICIPALITY_STATUS_LABELS } from '../../../shared/alliance.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { fieldError } from '../../http/problem.ts';
import { csvDownload } from '../../lib/csv.ts';
import { figuresFrom, filterStatuses, getSeries, listAgreementFigureRows, loadFigureInputs, statusRows } from './figures.service.ts';
import { getSettings } from './settings.service.ts';
import { todayBerlin } from '../../../shared/time.ts';

/*
 * Every table of the figures as CSV (UTF-8 with BOM, so spreadsheet programs read the umlauts) or
 * as XLSX (write-excel-file: pure JavaScript, no binary download). Headers are German, like the UI.
 */

type Cell = string | number | boolean | null;
interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

const COUNT_KEYS = Object.keys(FIGURE_LABELS) as (keyof FigureCounts)[];
const countHeaders = COUNT_KEYS.map((k) => FIGURE_LABELS[k].de);
const countCells = (c: FigureCounts) => COUNT_KEYS.map((k) => c[k]);
const yesNo = (b: boolean) => (b ? 'ja' : 'nein');

function municipalityTable(at: string, rows: MunicipalityStatusRow[]): Table {
  return {
    name: 'Kommunen',
    header: [
      'Stichtag',
      'AGS',
      'Kommune',
      'Kreis',
      'Polizeidirektion',
      'Status',
      'Beraten',
      'Vorvereinbarung',
      'Kooperationsvereinbarung in Kraft',
      'Coaching läuft',
      'Sicherheitsanalyse läuft',
      'Abgeschlossene Sicherheitsanalysen',
      'In Zusammenarbeit',
      'Ausgetreten/pausiert',
      'Erste Kooperationsvereinbarung',
      'Rang im Kreis',
    ],
    rows: rows.map((r) => [
      at,
      r.ags,
      r.name,
      r.districtName,
      r.directorateName,
      MUNICIPALITY_STATUS_LABELS[r.status].de,
      yesNo(r.advised),
      yesNo(r.preAgreement),
      yesNo(r.coveredByAgreement),
      yesNo(r.coachingRunning),
      yesNo(r.analysisUnderWay),
      r.analysesCompleted,
      yesNo(r.inCollaboration),
      r.withdrawn === 'pause' ? 'pausiert' : r.withdrawn ? 'ausgetreten' : '',
      r.firstAgreementSignedOn,
      r.rank,
    ]),
  };
}

/** The drill-down of an agreement figure: one row per agreement, its parties in the area joined. */
function agreementTable(list: AgreementFigureRows): Table {
  return {
    name: 'Vereinbarungen',
    header: [
      'Stichtag',
      'Kennzahl',
      'Nr.',
      'Aktenzeichen',
      'Titel',
      'Erste Unterzeichnung',
      'In Kraft',
      'AGS der Vertragspartner',
      'Vertragspartner',
    ],
    rows: list.items.map((a) => [
      list.at,
      FIGURE_LABELS[list.figure].de,
      a.id,
      a.reference,
      a.title,
      a.signedOn || null,
      yesNo(a.inForce),
      a.parties.map((p) => p.ags).join(', '),
      a.parties.map((p) => p.name).join(', '),
    ]),
  };
}

/** Builds the requested tables for the export. */
export async function buildExportTables(db: DbOrTrx, principal: Principal, q: ExportQuery): Promise<Table[]> {
  if (q.table === 'all' && q.format === 'csv') {
    throw fieldError(
      'table',
      { de: 'Alle Tabellen zusammen gibt es nur als XLSX.', en: 'All tables together are only available as XLSX.' },
      'csv_all',
    );
  }
  const at = q.at ?? todayBerlin();
  if (q.table === 'agreements') {
    if (!q.agreementFigure) {
      throw fieldError(
        'agreementFigure',
        { de: 'Bitte eine Kennzahl der Vereinbarungen wählen.', en: 'Please choose an agreement figure.' },
        'required',
      );
    }
    // The very rows of the drill-down (GET /api/alliance/figures/agreements), under the same rule.
    const list = await listAgreementFigureRows(db, {
      figure: q.agreementFigure,
      at,
      district: q.district,
      directorateId: q.directorateId,
      withoutDocument: q.withoutDocument,
    });
    return [agreementTable(list)];
  }
  const tables: Table[] = [];
  const want = (t: ExportQuery['table']) => q.table === t || q.table === 'all';
  if (want('statewide') || want('districts') || want('directorates') || want('municipalities')) {
    const [inputs, settings] = await Promise.all([loadFigureInputs(db, at), getSettings(db)]);
    const f = figuresFrom(inputs, settings.programmeStart);
    if (want('statewide')) tables.push({ name: 'Land', header: ['Stichtag', ...countHeaders], rows: [[at, ...countCells(f.statewide)]] });
    if (want('districts'))
      tables.push({
        name: 'Kreise',
        header: ['Stichtag', 'Kreisschlüssel', 'Kreis', ...countHeaders],
        rows: f.districts.map((d) => [at, d.ags, d.name, ...countCells(d)]),
      });
    if (want('directorates'))
      tables.push({
        name: 'Polizeidirektionen',
        header: ['Stichtag', 'Polizeidirektion', ...countHeaders],
        rows: f.directorates.map((d) => [at, d.name, ...countCells(d)]),
      });
    if (want('municipalities')) tables.push(municipalityTable(at, filterStatuses(await statusRows(db, principal, inputs), q)));
  }
  if (want('series')) {
    const s = await getSeries(db, { from: q.from, to: q.to ?? (q.table === 'all' ? at : undefined) });
    tables.push({
      name: 'Zeitreihe',
      header: ['Monat', 'Stichtag', ...countHeaders],
      rows: s.points.map((p) => [p.month, p.at, ...countCells(p)]),
    });
  }
  return tables;
}

/** Renders tables to a file body with its content type and file name. */
export async function renderExport(tables: Table[], q: ExportQuery): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const stamp = q.at ?? todayBerlin();
  const base = `allianz-${q.table}-${stamp}`;
  if (q.format === 'csv') {
    const t = tables[0]!;
    return csvDownload([t.header, ...t.rows], q.dialect, `${base}.csv`);
  }
  const sheets: Sheet<unknown>[] = tables.map((t) => ({
    sheet: t.name,
    stickyRowsCount: 1,
    data: [
      t.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...t.rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
    ],
  }));
  return xlsxDownload(sheets, `${base}.xlsx`);
}
