/**
 * The main navigation each role sees, in order (the web app's `src/web/app/navigation.ts` decides
 * it; these lists pin it down for the specs). A new section changes these lists only.
 */
export const NAVIGATION = {
  admin: ['Startseite', 'Übersicht', 'Kommunen', 'Kriminalstatistik', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung', 'Import', 'Benutzer', 'Protokoll'],
  lpr: ['Startseite', 'Übersicht', 'Kommunen', 'Kriminalstatistik', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung'],
  coordinator: ['Startseite', 'Kommunen', 'Kriminalstatistik', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung'],
  police: ['Startseite', 'Kommunen', 'Kriminalstatistik', 'Präventionsräte', 'Coaching', 'Fortbildung'],
  ministry: ['Startseite', 'Übersicht', 'Kriminalstatistik'],
} as const;
