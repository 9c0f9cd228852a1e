import { i18n } from '../../lib/i18n.ts';

/**
 * "3. Kommune im Erzgebirgskreis": the rank within the district, worded by the kind of district
 * (a district whose name contains "kreis", another rural district, or a district-free city).
 */
export function rankPhrase(rank: number, districtName: string): string {
  const city = /,\s*Stadt$/.exec(districtName);
  if (city) return i18n.t('alliance.rank.city', { rank, name: districtName.slice(0, city.index) });
  if (/kreis/i.test(districtName)) return i18n.t('alliance.rank.kreis', { rank, name: districtName });
  return i18n.t('alliance.rank.landkreis', { rank, name: districtName });
}
