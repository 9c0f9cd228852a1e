import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../../src/shared/roles.ts';
import { SECTIONS, sectionsFor } from '../../src/web/app/navigation.ts';

/*
 * The main navigation each role sees, in order, with its German labels: derived from the rules of
 * `src/shared/policies.ts` through the web app's `src/web/app/navigation.ts`, so a changed rule
 * changes the specs' expectation with it. `src/web/app/navigation.test.ts` pins the lists down.
 */
const de = JSON.parse(readFileSync(new URL('../../src/web/i18n/de.json', import.meta.url), 'utf8')) as { nav: Record<string, string> };

const labelsOf = (role: Role): readonly string[] => sectionsFor(role).map((s) => de.nav[SECTIONS[s].labelKey.slice('nav.'.length)]!);

export const NAVIGATION = Object.fromEntries(ROLES.map((role) => [role, labelsOf(role)])) as unknown as Record<Role, readonly string[]>;
