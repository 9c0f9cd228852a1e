import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { AnnualReportVersionsTable } from './annual-report.tables.ts';

/* The frozen versions of the annual report: inserted, listed and read, never updated. */

/** The heads of a year's frozen versions, oldest first. */
export async function listVersionHeads(db: DbOrTrx, year: number) {
  return db
    .selectFrom('annual_report_versions')
    .select(['year', 'number', 'created_at', 'created_by', 'content_sha256'])
    .where('year', '=', year)
    .orderBy('number')
    .execute();
}
export type VersionHeadRow = Awaited<ReturnType<typeof listVersionHeads>>[number];

/** One frozen version with its snapshot. */
export async function findVersion(db: DbOrTrx, year: number, number: number) {
  return db.selectFrom('annual_report_versions').selectAll().where('year', '=', year).where('number', '=', number).executeTakeFirst();
}

export async function insertVersion(db: DbOrTrx, row: Insertable<AnnualReportVersionsTable>): Promise<void> {
  await db.insertInto('annual_report_versions').values(row).execute();
}

/** The latest frozen version of every year that has one, newest year first. */
export async function listLatestVersionHeads(db: DbOrTrx) {
  const rows = await db
    .selectFrom('annual_report_versions')
    .select(['year', 'number', 'created_at', 'created_by', 'content_sha256'])
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .execute();
  return rows.filter((r, i) => i === 0 || rows[i - 1]!.year !== r.year);
}
