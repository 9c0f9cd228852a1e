import { describe, expect, it } from 'vitest';
import { NAVIGATION } from '../../../e2e/support/navigation.ts';
import { type PolicyArea, policies } from '../../shared/policies.ts';
import { ROLES } from '../../shared/roles.ts';
import { SECTIONS, type SectionName, sectionsFor } from './navigation.ts';

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

  it('names a rule of shared/policies.ts for every section', () => {
    for (const section of Object.values(SECTIONS)) {
      const [area, action] = section.policy.split('.') as [PolicyArea, string];
      expect(Object.keys(policies[area] ?? {}), section.path).toContain(action);
    }
  });

  // The lists a user sees today; a change of a rule must show up here on purpose.
  it('gives each role these sections (the e2e specs expect the same labels)', () => {
    expect(NAVIGATION).toEqual({
      admin: [
        'Startseite',
        'Übersicht',
        'Kommunen',
        'Kriminalstatistik',
        'Sicherheitsanalysen',
        'Projekte',
        'Förderung',
        'Präventionsräte',
        'Personen',
        'Coaching',
        'Fortbildung',
        'Befragungen',
        'Landesvergleich',
        'Import',
        'Benutzer',
        'Protokoll',
      ],
      lpr: [
        'Startseite',
        'Übersicht',
        'Kommunen',
        'Kriminalstatistik',
        'Sicherheitsanalysen',
        'Projekte',
        'Förderung',
        'Präventionsräte',
        'Personen',
        'Coaching',
        'Fortbildung',
        'Befragungen',
        'Landesvergleich',
      ],
      coordinator: [
        'Startseite',
        'Kommunen',
        'Kriminalstatistik',
        'Sicherheitsanalysen',
        'Projekte',
        'Förderung',
        'Präventionsräte',
        'Personen',
        'Coaching',
        'Fortbildung',
        'Befragungen',
        'Landesvergleich',
      ],
      police: [
        'Startseite',
        'Kommunen',
        'Kriminalstatistik',
        'Sicherheitsanalysen',
        'Projekte',
        'Präventionsräte',
        'Coaching',
        'Fortbildung',
      ],
      ministry: ['Startseite', 'Übersicht', 'Kriminalstatistik', 'Förderung', 'Landesvergleich'],
    });
  });
});
