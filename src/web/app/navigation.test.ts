import { describe, expect, it } from 'vitest';
import { NAVIGATION_GROUPS } from '../../../e2e/support/navigation.ts';
import { type PolicyArea, policies } from '../../shared/policies.ts';
import { ROLES } from '../../shared/roles.ts';
import { NAV_GROUPS, SECTIONS, type SectionName, navigationFor, sectionsFor } from './navigation.ts';

/* The navigation of each role is exactly what the rules of shared/policies.ts allow it to open. */
describe('navigation by role', () => {
  const admits = (policy: string, role: string) => {
    const [area, action] = policy.split('.') as [PolicyArea, string];
    return ((policies[area] as Record<string, readonly string[]>)[action] ?? []).includes(role);
  };

  it.each(ROLES)('shows %s the sections its rules admit, in order', (role) => {
    const expected = (Object.keys(SECTIONS) as SectionName[]).filter((s) => admits(SECTIONS[s].policy, role));
    expect(sectionsFor(role)).toEqual(expected);
  });

  it.each(ROLES)('shows %s every section it may open exactly once, in its groups', (role) => {
    const shown = navigationFor(role).flatMap((e) => (e.kind === 'link' ? [e.section] : e.sections));
    expect([...shown].sort()).toEqual([...sectionsFor(role)].sort());
    expect(new Set(shown).size).toBe(shown.length);
    // A group of one would be a menu of one item: it is shown as that item's link instead.
    for (const e of navigationFor(role)) if (e.kind === 'group') expect(e.sections.length).toBeGreaterThan(1);
  });

  it('puts every section but the home page in exactly one group', () => {
    const grouped = Object.values(NAV_GROUPS).flatMap((g) => [...g.sections]);
    expect([...grouped].sort()).toEqual((Object.keys(SECTIONS) as SectionName[]).filter((s) => s !== 'home').sort());
  });

  it('names a rule of shared/policies.ts for every section', () => {
    for (const section of Object.values(SECTIONS)) {
      const [area, action] = section.policy.split('.') as [PolicyArea, string];
      expect(Object.keys(policies[area] ?? {}), section.path).toContain(action);
    }
  });

  // The navigation a user sees today; a change of a rule or a group must show up here on purpose.
  it('gives each role these groups and links (the e2e specs expect the same labels)', () => {
    expect(NAVIGATION_GROUPS).toEqual({
      admin: [
        'Startseite',
        { group: 'Netzwerk', links: ['Kommunen', 'Personen'] },
        {
          group: 'Lage & Analyse',
          links: ['Übersicht', 'Jahresbericht', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Befragungen', 'Landesvergleich', 'Wirkung'],
        },
        { group: 'Projekte & Förderung', links: ['Projekte', 'Förderung'] },
        { group: 'Räte & Qualifizierung', links: ['Präventionsräte', 'Coaching', 'Fortbildung'] },
        { group: 'Verwaltung', links: ['Import', 'Widersprüche', 'Benutzer', 'Protokoll', 'Postausgang'] },
      ],
      lpr: [
        'Startseite',
        { group: 'Netzwerk', links: ['Kommunen', 'Personen'] },
        {
          group: 'Lage & Analyse',
          links: ['Übersicht', 'Jahresbericht', 'Kriminalstatistik', 'Sicherheitsanalysen', 'Befragungen', 'Landesvergleich', 'Wirkung'],
        },
        { group: 'Projekte & Förderung', links: ['Projekte', 'Förderung'] },
        { group: 'Räte & Qualifizierung', links: ['Präventionsräte', 'Coaching', 'Fortbildung'] },
        'Widersprüche',
      ],
      coordinator: [
        'Startseite',
        { group: 'Netzwerk', links: ['Kommunen', 'Personen'] },
        { group: 'Lage & Analyse', links: ['Kriminalstatistik', 'Sicherheitsanalysen', 'Befragungen', 'Landesvergleich', 'Wirkung'] },
        { group: 'Projekte & Förderung', links: ['Projekte', 'Förderung'] },
        { group: 'Räte & Qualifizierung', links: ['Präventionsräte', 'Coaching', 'Fortbildung'] },
      ],
      police: [
        'Startseite',
        'Kommunen',
        { group: 'Lage & Analyse', links: ['Kriminalstatistik', 'Sicherheitsanalysen', 'Befragungsergebnisse', 'Wirkung'] },
        'Projekte',
        { group: 'Räte & Qualifizierung', links: ['Präventionsräte', 'Coaching', 'Fortbildung'] },
      ],
      ministry: [
        'Startseite',
        {
          group: 'Lage & Analyse',
          links: ['Übersicht', 'Jahresbericht', 'Kriminalstatistik', 'Befragungsergebnisse', 'Landesvergleich', 'Wirkung'],
        },
        'Förderung',
        'Räte in Zahlen',
      ],
    });
  });
});
