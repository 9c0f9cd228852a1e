import fs from 'node:fs';
import path from 'node:path';

/** The real public files beside the project (../shared/data), which the e2e server imports. */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../..', '../shared/data');

export const REAL_FILES = {
  gv100ad: path.join(SHARED_DATA, 'gemeindeverzeichnis/GV100AD_301121.ASC'),
  directorates: path.join(SHARED_DATA, 'polizei/sachsen_polizeidirektionen_kreise.csv'),
  municipalityBoundaries: path.join(SHARED_DATA, 'boundaries/sachsen_gemeinden_vg5000_2021-01-01.geojson'),
  districtBoundaries: path.join(SHARED_DATA, 'boundaries/sachsen_kreise_vg5000_2021-01-01.geojson'),
} as const;

/** Outside CI the browser tests skip without the real files; with CI=true they must fail instead. */
export function realDataMissingReason(): string | null {
  const missing = Object.values(REAL_FILES).filter((f) => !fs.existsSync(f));
  return missing.length ? `${missing.join(', ')} fehlt / missing (../shared/data)` : null;
}
