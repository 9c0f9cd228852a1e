/** The app's addresses (navigation.ts re-exports them); without imports, so the public entries can link without loading the navigation's rules. */
export const PATHS = {
  login: '/login',
  changePassword: '/change-password',
  /** The own profile with the notification settings (every message's footer links to #notifications). */
  profile: '/profile',
  /** "Passwort vergessen?": no sign-in. */
  forgotPassword: '/forgot-password',
  /** Where a link of an invitation or password reset leads (?token=…): no sign-in. */
  setPassword: '/set-password',
  newUser: '/users/new',
  user: (id: number) => `/users/${id}`,
  municipality: (ags: string) => `/municipalities/${ags}`,
  /** The agreements an agreement figure counts (?figure=&at=&district=|directorateId=): a figure's drill-down. */
  agreementFigure: '/agreements',
  /** The alliance's public page: no sign-in, shown only when an admin published it. */
  publicPage: '/oeffentlich',
  /** The citizen survey's questionnaire: no sign-in; the access code opens it (also as a last segment, from the letter's QR code). */
  publicSurvey: '/befragung',
} as const;
