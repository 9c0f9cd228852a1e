import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../../src/shared/roles.ts';
import { NAV_GROUPS, SECTIONS, navigationFor } from '../../src/web/app/navigation.ts';

/*
 * The main navigation each role sees, in order, with its German labels: derived from the rules of
 * `src/shared/policies.ts` through the web app's `src/web/app/navigation.ts`, so a changed rule
 * changes the specs' expectation with it. `src/web/app/navigation.test.ts` pins the lists down.
 */
const de = JSON.parse(readFileSync(new URL('../../src/web/i18n/de.json', import.meta.url), 'utf8')) as {
  nav: Record<string, string>;
  navGroups: Record<string, string>;
};

const sectionLabel = (labelKey: string) => de.nav[labelKey.slice('nav.'.length)]!;

/** One entry of the navigation as a user sees it: a link's label, or a group's label with its links' labels. */
export type NavigationEntry = string | { group: string; links: readonly string[] };

const entriesOf = (role: Role): NavigationEntry[] =>
  navigationFor(role).map((e) =>
    e.kind === 'link'
      ? sectionLabel(SECTIONS[e.section].labelKey)
      : {
          group: de.navGroups[NAV_GROUPS[e.group].labelKey.slice('navGroups.'.length)]!,
          links: e.sections.map((s) => sectionLabel(SECTIONS[s].labelKey)),
        },
  );

/** Each role's navigation, grouped as on screen. */
export const NAVIGATION_GROUPS = Object.fromEntries(ROLES.map((role) => [role, entriesOf(role)])) as unknown as Record<
  Role,
  readonly NavigationEntry[]
>;

/** Each role's navigation links in order (a group's links in its place), whether its group is open or not. */
export const NAVIGATION = Object.fromEntries(
  ROLES.map((role) => [role, entriesOf(role).flatMap((e) => (typeof e === 'string' ? [e] : e.links))]),
) as unknown as Record<Role, readonly string[]>;

/** Each role's navigation links in order with the address each opens. */
export const NAVIGATION_PAGES = Object.fromEntries(
  ROLES.map((role) => [
    role,
    navigationFor(role)
      .flatMap((e) => (e.kind === 'link' ? [e.section] : e.sections))
      .map((s) => ({ label: sectionLabel(SECTIONS[s].labelKey), path: SECTIONS[s].path })),
  ]),
) as unknown as Record<Role, readonly { label: string; path: string }[]>;
