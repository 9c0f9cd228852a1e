import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures.ts';
import { LPR_STAFF } from './accounts.ts';
import { apiAs } from './api.ts';

// The BKA's table T01 for 2022 beside the project (../shared/data), for the tests that read crime figures.
const repoRoot = path.resolve(import.meta.dirname, '../..');
export const PKS_FILE = path.resolve(repoRoot, '../shared/data/pks/BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv');
/** What table T01 of 2022 holds: 400 districts × 41 offence keys. */
export const PKS_DISTRICTS = 400;
export const PKS_ROWS = 16_400;

/** Outside CI a missing file skips; with CI=true it fails the test. */
export function requirePksFile(): void {
  if (fs.existsSync(PKS_FILE)) return;
  if (process.env.CI === 'true') throw new Error(`${PKS_FILE} fehlt / missing: CI=true, so the test must not be skipped.`);
  test.skip(true, `${PKS_FILE} fehlt / missing (../shared/data)`);
}

interface PksReport {
  dryRun: boolean;
  year: number;
  rows: number;
  districts: number;
}

/**
 * The figures of table T01 for 2022, as the import page stores them: preview, then commit, as
 * council staff. Cheap when the year is already imported in full; otherwise the import replaces it.
 */
export async function ensurePks2022(): Promise<void> {
  const api = await apiAs(LPR_STAFF);
  try {
    const years = await api.get<{ district: { year: number; rows: number; districts: number }[] }>('/api/crime-stats/years');
    const y2022 = years.district.find((y) => y.year === 2022);
    if (y2022 && y2022.rows === PKS_ROWS && y2022.districts === PKS_DISTRICTS) return;
    const file = { name: path.basename(PKS_FILE), mimeType: 'text/csv', buffer: fs.readFileSync(PKS_FILE) };
    const preview = await api.upload<PksReport>('/api/admin/imports/pks?year=2022&dryRun=true', file);
    expect(preview, 'the preview of the PKS file').toMatchObject({ dryRun: true, year: 2022, rows: PKS_ROWS, districts: PKS_DISTRICTS });
    const result = await api.upload<PksReport>('/api/admin/imports/pks?year=2022&dryRun=false', file);
    expect(result, 'the PKS import').toMatchObject({ dryRun: false, year: 2022, rows: PKS_ROWS, districts: PKS_DISTRICTS });
  } finally {
    await api.dispose();
  }
}
