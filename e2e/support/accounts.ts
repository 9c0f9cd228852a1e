/** Accounts and territory the e2e server seeds; tests sign in with these. */
export const ADMIN = { email: 'admin@praevis.test', password: 'Admin-Passwort-für-Tests-1', name: 'Anna Admin' } as const;

/** Still has its one-time password: flow "first sign-in". */
export const NEWCOMER = { email: 'neu@praevis.test', oneTimePassword: 'Einmal-Passwort-123', name: 'Nora Neu' } as const;

export const MUNICIPALITIES = {
  amtsberg: { ags: '14521010', name: 'Amtsberg' },
  annaberg: { ags: '14521020', name: 'Annaberg-Buchholz, Stadt' },
  aue: { ags: '14521035', name: 'Aue-Bad Schlema, Stadt' },
  dresden: { ags: '14612000', name: 'Dresden, Stadt' },
} as const;

export const E2E_READY = 'PRAEVIS_E2E_READY';
