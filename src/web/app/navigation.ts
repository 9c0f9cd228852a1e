import { ROLES, type Role } from '../../shared/roles.ts';

/** The main sections of the app and the roles that may open them; the server enforces the same. */
export const SECTIONS = {
  home: { path: '/', labelKey: 'nav.home', roles: ROLES },
  dashboard: { path: '/dashboard', labelKey: 'nav.dashboard', roles: ['admin', 'lpr', 'ministry'] },
  municipalities: { path: '/municipalities', labelKey: 'nav.municipalities', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  crimeStats: { path: '/crime-stats', labelKey: 'nav.crimeStats', roles: ROLES },
  securityAnalyses: { path: '/security-analyses', labelKey: 'nav.securityAnalyses', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  projects: { path: '/projects', labelKey: 'nav.projects', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  funding: { path: '/funding', labelKey: 'nav.funding', roles: ['admin', 'lpr', 'coordinator', 'ministry'] },
  councils: { path: '/councils', labelKey: 'nav.councils', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  people: { path: '/people', labelKey: 'nav.people', roles: ['admin', 'lpr', 'coordinator'] },
  coaching: { path: '/coaching', labelKey: 'nav.coaching', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  training: { path: '/training', labelKey: 'nav.training', roles: ['admin', 'lpr', 'coordinator', 'police'] },
  surveys: { path: '/surveys', labelKey: 'nav.surveys', roles: ['admin', 'lpr', 'coordinator'] },
  imports: { path: '/imports', labelKey: 'nav.imports', roles: ['admin'] },
  users: { path: '/users', labelKey: 'nav.users', roles: ['admin'] },
  audit: { path: '/audit', labelKey: 'nav.audit', roles: ['admin'] },
} as const satisfies Record<string, { path: string; labelKey: `nav.${string}`; roles: readonly Role[] }>;

export type SectionName = keyof typeof SECTIONS;

/** Whether a role may open a section. */
export function canOpen(role: Role, section: SectionName): boolean {
  return (SECTIONS[section].roles as readonly Role[]).includes(role);
}

/** The sections shown in the main navigation for a role, in order. */
export function sectionsFor(role: Role): SectionName[] {
  return (Object.keys(SECTIONS) as SectionName[]).filter((s) => canOpen(role, s));
}

/** Who records alliance events, agreements and documents (the server's alliance policy says the same). */
export const RECORDING_ROLES: readonly Role[] = ['admin', 'lpr'];

export const PATHS = {
  login: '/login',
  changePassword: '/change-password',
  newUser: '/users/new',
  user: (id: number) => `/users/${id}`,
  municipality: (ags: string) => `/municipalities/${ags}`,
  /** The alliance's public page: no sign-in, shown only when an admin published it. */
  publicPage: '/oeffentlich',
} as const;
