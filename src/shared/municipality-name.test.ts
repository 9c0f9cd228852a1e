import { describe, expect, it } from 'vitest';
import { shortMunicipalityName, shortMunicipalityNames, stripDesignation } from './municipality-name.ts';

describe('short municipality names of official texts', () => {
  it('leaves out the designation after the last comma', () => {
    expect(stripDesignation('Oelsnitz/Erzgeb., Stadt')).toBe('Oelsnitz/Erzgeb.');
    expect(stripDesignation('Leipzig, Stadt')).toBe('Leipzig');
    expect(stripDesignation('Jonsdorf, Kurort')).toBe('Jonsdorf');
    expect(stripDesignation('Freiberg, Universitätsstadt')).toBe('Freiberg');
    expect(stripDesignation('Amtsberg')).toBe('Amtsberg');
    expect(stripDesignation('Weißwasser/O.L., Stadt / Běła Woda')).toBe('Weißwasser/O.L. / Běła Woda');
  });

  it('keeps the full name where the designation tells two municipalities apart', () => {
    const directory = ['Bernsdorf', 'Bernsdorf, Stadt', 'Oelsnitz/Erzgeb., Stadt', 'Oelsnitz/Vogtl., Stadt'];
    expect(shortMunicipalityName('Bernsdorf, Stadt', directory)).toBe('Bernsdorf, Stadt');
    expect(shortMunicipalityName('Bernsdorf', directory)).toBe('Bernsdorf');
    expect(shortMunicipalityName('Oelsnitz/Erzgeb., Stadt', directory)).toBe('Oelsnitz/Erzgeb.');
    expect(shortMunicipalityName('Oelsnitz/Vogtl., Stadt', directory)).toBe('Oelsnitz/Vogtl.');
    expect(Object.fromEntries(shortMunicipalityNames(directory))).toEqual({
      Bernsdorf: 'Bernsdorf',
      'Bernsdorf, Stadt': 'Bernsdorf, Stadt',
      'Oelsnitz/Erzgeb., Stadt': 'Oelsnitz/Erzgeb.',
      'Oelsnitz/Vogtl., Stadt': 'Oelsnitz/Vogtl.',
    });
  });
});
