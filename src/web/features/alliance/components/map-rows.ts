import type { MunicipalityStatus } from '../../../../shared/alliance.schema.ts';

/** What the map and its table need of a municipality (signed-in and public lists both provide it). */
export interface MapRow {
  ags: string;
  name: string;
  districtName: string;
  status: MunicipalityStatus;
  inCollaboration: boolean;
  /** Where the municipality's record opens, if the user may open it. */
  href: string | null;
}

/** How many rows have each status. */
export function countByStatus(rows: readonly MapRow[]): Map<MunicipalityStatus, number> {
  const out = new Map<MunicipalityStatus, number>();
  for (const r of rows) out.set(r.status, (out.get(r.status) ?? 0) + 1);
  return out;
}
