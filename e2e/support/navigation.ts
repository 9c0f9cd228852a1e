/**
 * The main navigation each role sees, in order (the web app's `src/web/app/navigation.ts` decides
 * it; these lists pin it down for the specs). A new section changes these lists only.
 */
export const NAVIGATION = {
  admin: ['Startseite', 'Übersicht', 'Kommunen', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Projekte', 'Förderung', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung', 'Befragungen', 'Import', 'Benutzer', 'Protokoll'],
  lpr: ['Startseite', 'Übersicht', 'Kommunen', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Projekte', 'Förderung', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung', 'Befragungen'],
  coordinator: ['Startseite', 'Kommunen', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Projekte', 'Förderung', 'Präventionsräte', 'Personen', 'Coaching', 'Fortbildung', 'Befragungen'],
  police: ['Startseite', 'Kommunen', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Projekte', 'Präventionsräte', 'Coaching', 'Fortbildung'],
  ministry: ['Startseite', 'Übersicht', 'Kriminalstatistik', 'Förderung'],
} as const;
