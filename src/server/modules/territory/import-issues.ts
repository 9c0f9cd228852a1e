import { AppError } from '../../http/problem.ts';

type Text = { de: string; en: string };

/** One problem found in an import file: where (line and field) and what. */
export interface ImportIssue {
  /** 1-based line of the file, or null where lines mean nothing (a GeoJSON feature). */
  line: number | null;
  /** The field: a column or record field name, or a path such as `features[3].properties.AGS`. */
  field: string;
  code: string;
  message: Text;
}

/** Thrown by the pure parsers; carries every issue found (up to a cap) so one run shows them all. */
export class ImportFileError extends Error {
  constructor(
    readonly format: string,
    readonly issues: ImportIssue[],
  ) {
    super(`${format}: ${issues.length} issue(s); first: ${issues[0] ? formatIssue(issues[0]) : '-'}`);
  }
}

/** Most issues one import run reports; a file of the wrong kind would otherwise list every line. */
export const MAX_ISSUES = 100;

/** Collects issues and stops the parse once the cap is reached. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  add(issue: ImportIssue): void {
    if (this.items.length < MAX_ISSUES) this.items.push(issue);
  }
  get full(): boolean {
    return this.items.length >= MAX_ISSUES;
  }
  throwIfAny(format: string): void {
    if (this.items.length) throw new ImportFileError(format, this.items);
  }
}

/** `line 17: population`, the field name as APIs and the CLI show it. */
export function issueField(issue: ImportIssue): string {
  return issue.line === null ? issue.field : `line ${issue.line}: ${issue.field}`;
}

export function formatIssue(issue: ImportIssue): string {
  return `${issueField(issue)}: ${issue.message.en}`;
}

/** The problem+json error for a rejected file: nothing was imported, every issue is listed. */
export function importProblem(err: ImportFileError): AppError {
  const n = err.issues.length;
  const more = n >= MAX_ISSUES ? { de: ` (die ersten ${MAX_ISSUES})`, en: ` (the first ${MAX_ISSUES})` } : { de: '', en: '' };
  return new AppError(
    'validation',
    {
      de: `Die ${err.format}-Datei enthält ${n} Fehler${more.de}; es wurde nichts importiert.`,
      en: `The ${err.format} file has ${n} error(s)${more.en}; nothing was imported.`,
    },
    err.issues.map((i) => ({ field: issueField(i), code: i.code, message: i.message })),
  );
}
