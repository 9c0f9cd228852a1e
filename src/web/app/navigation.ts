import { allows, type PolicyName } from '../../shared/policies.ts';
import type { Role } from '../../shared/roles.ts';

/** The main sections of the app and the rule of `shared/policies.ts` that opens each; the server enforces the same rules. */
export const SECTIONS = {
  home: { path: '/', labelKey: 'nav.home', policy: 'auth.self' },
  dashboard: { path: '/dashboard', labelKey: 'nav.dashboard', policy: 'pages.dashboard' },
  annualReport: { path: '/annual-report', labelKey: 'nav.annualReport', policy: 'annualReport.read' },
  municipalities: { path: '/municipalities', labelKey: 'nav.municipalities', policy: 'alliance.readDetail' },
  crimeStats: { path: '/crime-stats', labelKey: 'nav.crimeStats', policy: 'crimeStats.readDistricts' },
  securityAnalyses: { path: '/security-analyses', labelKey: 'nav.securityAnalyses', policy: 'securityAnalysis.read' },
  projects: { path: '/projects', labelKey: 'nav.projects', policy: 'funding.readProjects' },
  funding: { path: '/funding', labelKey: 'nav.funding', policy: 'funding.readProgrammes' },
  councils: { path: '/councils', labelKey: 'nav.councils', policy: 'councils.read' },
  councilCounts: { path: '/council-counts', labelKey: 'nav.councilCounts', policy: 'pages.councilCounts' },
  people: { path: '/people', labelKey: 'nav.people', policy: 'organisations.read' },
  coaching: { path: '/coaching', labelKey: 'nav.coaching', policy: 'coaching.read' },
  training: { path: '/training', labelKey: 'nav.training', policy: 'training.read' },
  surveys: { path: '/surveys', labelKey: 'nav.surveys', policy: 'surveys.read' },
  surveyResults: { path: '/survey-results', labelKey: 'nav.surveyResults', policy: 'pages.surveyResults' },
  surveyBenchmark: { path: '/survey-benchmark', labelKey: 'nav.surveyBenchmark', policy: 'surveyAnalysis.benchmark' },
  effects: { path: '/effects', labelKey: 'nav.effects', policy: 'effects.read' },
  imports: { path: '/imports', labelKey: 'nav.imports', policy: 'territory.import' },
  users: { path: '/users', labelKey: 'nav.users', policy: 'users.manage' },
  audit: { path: '/audit', labelKey: 'nav.audit', policy: 'audit.read' },
  contradictions: { path: '/contradictions', labelKey: 'nav.contradictions', policy: 'consistency.read' },
  outbox: { path: '/outbox', labelKey: 'nav.outbox', policy: 'mail.outbox' },
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

/**
 * The main navigation's groups, taken from the work: the alliance's network, the situation and
 * its analysis, funding, councils and their qualification, administration. Every section but the
 * home page belongs to exactly one group; the order here is the order on screen.
 */
export const NAV_GROUPS = {
  network: { labelKey: 'navGroups.network', sections: ['municipalities', 'people'] },
  analysis: {
    labelKey: 'navGroups.analysis',
    sections: ['dashboard', 'annualReport', 'crimeStats', 'securityAnalyses', 'surveys', 'surveyResults', 'surveyBenchmark', 'effects'],
  },
  funding: { labelKey: 'navGroups.funding', sections: ['projects', 'funding'] },
  councils: { labelKey: 'navGroups.councils', sections: ['councils', 'councilCounts', 'coaching', 'training'] },
  administration: { labelKey: 'navGroups.administration', sections: ['imports', 'contradictions', 'users', 'audit', 'outbox'] },
} as const satisfies Record<string, { labelKey: `navGroups.${string}`; sections: readonly Exclude<SectionName, 'home'>[] }>;

export type NavGroupName = keyof typeof NAV_GROUPS;

/**
 * One entry of a role's main navigation: a section's link, or a group of links behind a button.
 * A group the role sees only one section of is shown as that section's link (a menu of one item
 * would only cost a click).
 */
export type NavEntry = { kind: 'link'; section: SectionName } | { kind: 'group'; group: NavGroupName; sections: SectionName[] };

/** A role's main navigation: the home page, then its groups in order, each with the sections the role may open. */
export function navigationFor(role: Role): NavEntry[] {
  const entries: NavEntry[] = [{ kind: 'link', section: 'home' }];
  for (const group of Object.keys(NAV_GROUPS) as NavGroupName[]) {
    const sections = NAV_GROUPS[group].sections.filter((s) => canOpen(role, s));
    if (sections.length === 1) entries.push({ kind: 'link', section: sections[0]! });
    else if (sections.length > 1) entries.push({ kind: 'group', group, sections });
  }
  return entries;
}

export { PATHS } from './paths.ts';
