/** The app's addresses (navigation.ts re-exports them); without imports, so the public entries can link without loading the navigation's rules. */
export const PATHS = {
  login: '/login',
  changePassword: '/change-password',
  newUser: '/users/new',
  user: (id: number) => `/users/${id}`,
  municipality: (ags: string) => `/municipalities/${ags}`,
  /** The alliance's public page: no sign-in, shown only when an admin published it. */
  publicPage: '/oeffentlich',
  /** The citizen survey's questionnaire: no sign-in; the access code opens it (also as a last segment, from the letter's QR code). */
  publicSurvey: '/befragung',
} as const;
