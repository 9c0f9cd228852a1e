import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is src/server/test/shared-data.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared folder of real public data beside the repository (`../shared/data`); never copied into it. */
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');

/**
 * Resolves a real data file under ../shared/data. When it is missing, a test must not pass
 * silently: with CI=true this throws (the test fails); elsewhere it returns null with the reason
 * printed, and the caller skips.
 */
export function sharedDataFile(relative: string): string | null {
  const file = path.resolve(SHARED_DATA_DIR, relative);
  if (fs.existsSync(file)) return file;
  const reason = `real data file ${file} is missing (see ../shared/data/README.md)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; with CI=true tests on real data must run.`);
  console.warn(`[tests] skipped: ${reason}.`);
  return null;
}

export const REAL_FILES = {
  gv100ad: 'gemeindeverzeichnis/GV100AD_301121.ASC',
  directorates: 'polizei/sachsen_polizeidirektionen_kreise.csv',
  municipalityBoundaries: 'boundaries/sachsen_gemeinden_vg5000_2021-01-01.geojson',
  districtBoundaries: 'boundaries/sachsen_kreise_vg5000_2021-01-01.geojson',
  pksT01: 'pks/BKA_PKS2022_KR-F-01-T01-Kreise-Faelle-HZ.csv',
} as const;
