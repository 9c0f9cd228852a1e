/** Accounts, territory and alliance history the e2e server seeds; tests sign in with these. */
export const ADMIN = { email: 'admin@praevis.test', password: 'Admin-Passwort-für-Tests-1', name: 'Anna Admin' } as const;

/** Council staff (LPR) who record the alliance history. */
export const LPR_STAFF = { email: 'lpr@praevis.test', password: 'Lena begleitet die Allianz', name: 'Lena Landesrat' } as const;

/** The interior ministry: figures only. */
export const MINISTRY = { email: 'ministerium@praevis.test', password: 'Moritz liest die Kennzahlen', name: 'Moritz Ministerium' } as const;

/** Municipalities of the real directory (GV100AD 30.11.2021) that the tests use. */
export const MUNICIPALITIES = {
  amtsberg: { ags: '14521010', name: 'Amtsberg' },
  annaberg: { ags: '14521020', name: 'Annaberg-Buchholz, Stadt' },
  aue: { ags: '14521035', name: 'Aue-Bad Schlema, Stadt' },
  dresden: { ags: '14612000', name: 'Dresden, Stadt' },
} as const;

/** Saxony in the real directory. */
export const SAXON_MUNICIPALITIES = 419;

/**
 * The history seeded before the tests: two municipalities of the Erzgebirgskreis signed before
 * the dates the tests record, so the commune the tests sign up is the third of its district.
 */
export const SEEDED_HISTORY = {
  amtsberg: { consultation: '2023-04-12', agreement: '2023-09-01' },
  aue: { consultation: '2023-05-03', agreement: '2023-11-20' },
  dresden: { consultation: '2023-03-01', coachingStarted: '2023-10-02' },
} as const;

export const E2E_READY = 'PRAEVIS_E2E_READY';
