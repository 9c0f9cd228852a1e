import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import { MEMBER_ROLE_LABELS, type Member } from '../../../shared/councils.schema.ts';
import { ORGANISATION_TYPE_LABELS } from '../../../shared/organisations.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { type CsvDialect, csvDownload } from '../../lib/csv.ts';
import { getCouncil, listMembers } from './councils.service.ts';

const HEADER = ['Name', 'Funktion', 'Rolle', 'Institution', 'Art der Institution', 'E-Mail', 'Beginn', 'Ende', 'Steuerungsgruppe'];

function rowOf(m: Member): Array<string | null> {
  return [
    m.personName,
    m.personFunction || null,
    MEMBER_ROLE_LABELS[m.role].de,
    m.organisationName,
    m.institutionType === 'none' ? null : ORGANISATION_TYPE_LABELS[m.institutionType].de,
    m.email,
    m.startDate,
    m.endDate,
    m.steeringGroup ? 'ja' : 'nein',
  ];
}

/** The council's current member list as CSV (of the dialect) or XLSX, German headers; scoped like the member list. */
export async function buildMembersExport(
  db: DbOrTrx,
  principal: Principal,
  councilId: number,
  q: { format: 'csv' | 'xlsx'; dialect: CsvDialect },
) {
  const council = await getCouncil(db, principal, councilId);
  const members = await listMembers(db, principal, councilId, {});
  const rows = members.map(rowOf);
  const base = `mitglieder-${
    council.name
      .toLowerCase()
      .replace(/[^a-z0-9äöüß]+/g, '-')
      .replace(/^-|-$/g, '') || councilId
  }`;
  if (q.format === 'csv') return csvDownload([HEADER, ...rows], q.dialect, `${base}.csv`);
  const sheet = {
    sheet: 'Mitglieder',
    stickyRowsCount: 1,
    data: [
      HEADER.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
    ],
  } as unknown as Sheet<unknown>;
  return xlsxDownload([sheet], `${base}.xlsx`);
}
