/**
 * Source notes the product shows wherever it displays official data (map footer, lists, report
 * appendix). The licences (Datenlizenz Deutschland – Namensnennung 2.0; Destatis' terms) require them.
 */
export const ATTRIBUTION = {
  /** Municipality directory GV100AD: names, keys, populations, areas. */
  destatis: 'Quelle: Statistisches Bundesamt (Destatis)',
  /** Boundaries (VG5000/VG250); "Daten verändert" because the import simplifies them. */
  bkg: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
  /** Police crime statistics. */
  pks: 'Quelle: Polizeiliche Kriminalstatistik, Bundeskriminalamt',
} as const;

/** Where a web page must link each note (the BKG asks for a link to its site). */
export const ATTRIBUTION_LINKS: Readonly<Record<string, string>> = {
  [ATTRIBUTION.bkg]: 'https://www.bkg.bund.de',
  [ATTRIBUTION.destatis]: 'https://www.destatis.de',
};

/** Notes for lists of the municipality directory. */
export const DIRECTORY_ATTRIBUTION: readonly string[] = [ATTRIBUTION.destatis];

/** Notes for the map: boundaries and directory. */
export const MAP_ATTRIBUTION: readonly string[] = [ATTRIBUTION.bkg, ATTRIBUTION.destatis];
