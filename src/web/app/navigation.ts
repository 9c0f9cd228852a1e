import { allows, type PolicyName } from '../../shared/policies.ts';
import type { Role } from '../../shared/roles.ts';

/** The main sections of the app and the rule of `shared/policies.ts` that opens each; the server enforces the same rules. */
export const SECTIONS = {
  home: { path: '/', labelKey: 'nav.home', policy: 'auth.self' },
  dashboard: { path: '/dashboard', labelKey: 'nav.dashboard', policy: 'pages.dashboard' },
  municipalities: { path: '/municipalities', labelKey: 'nav.municipalities', policy: 'alliance.readDetail' },
  crimeStats: { path: '/crime-stats', labelKey: 'nav.crimeStats', policy: 'crimeStats.readDistricts' },
  securityAnalyses: { path: '/security-analyses', labelKey: 'nav.securityAnalyses', policy: 'securityAnalysis.read' },
  projects: { path: '/projects', labelKey: 'nav.projects', policy: 'funding.readProjects' },
  funding: { path: '/funding', labelKey: 'nav.funding', policy: 'funding.readProgrammes' },
  councils: { path: '/councils', labelKey: 'nav.councils', policy: 'councils.read' },
  people: { path: '/people', labelKey: 'nav.people', policy: 'organisations.read' },
  coaching: { path: '/coaching', labelKey: 'nav.coaching', policy: 'coaching.read' },
  training: { path: '/training', labelKey: 'nav.training', policy: 'training.read' },
  surveys: { path: '/surveys', labelKey: 'nav.surveys', policy: 'surveys.read' },
  surveyBenchmark: { path: '/survey-benchmark', labelKey: 'nav.surveyBenchmark', policy: 'surveyAnalysis.benchmark' },
  imports: { path: '/imports', labelKey: 'nav.imports', policy: 'territory.import' },
  users: { path: '/users', labelKey: 'nav.users', policy: 'users.manage' },
  audit: { path: '/audit', labelKey: 'nav.audit', policy: 'audit.read' },
} as const satisfies Record<string, { path: string; labelKey: `nav.${string}`; policy: PolicyName }>;

export type SectionName = keyof typeof SECTIONS;

/** Whether a role may open a section. */
export function canOpen(role: Role, section: SectionName): boolean {
  return allows(SECTIONS[section].policy, role);
}

/** The sections shown in the main navigation for a role, in order. */
export function sectionsFor(role: Role): SectionName[] {
  return (Object.keys(SECTIONS) as SectionName[]).filter((s) => canOpen(role, s));
}

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
