import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EFFECTS_CAVEATS, type EffectsSection } from '../../../../shared/annual-report.schema.ts';
import { createInstance } from 'i18next';
import type { AnnualReportT } from '../i18n.ts';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { EffectsSectionBody } from './effects-section.tsx';

/*
 * The effects section of the report page rendered to HTML: a table with its caption, per field the
 * pooled ratio and interval, "kein belastbarer Effekt" where the interval includes 1, the reason
 * where nothing is shown, and the caveats in the page's language.
 */
const effects: EffectsSection = {
  methodVersion: 'did-rr-1.0',
  fields: [
    {
      code: 'public-violence',
      name: 'Gewalt im öffentlichen Raum',
      nameEn: 'Violence in public space',
      interventions: 3,
      estimates: 2,
      rateRatio: 0.7234,
      ciLow: 0.61,
      ciHigh: 0.85,
      noReliableEffect: false,
      reason: null,
    },
    {
      code: 'graffiti',
      name: 'Graffiti',
      nameEn: 'Graffiti',
      interventions: 1,
      estimates: 1,
      rateRatio: 0.95,
      ciLow: 0.8,
      ciHigh: 1.12,
      noReliableEffect: true,
      reason: null,
    },
    {
      code: 'extremism',
      name: 'Extremismus',
      nameEn: 'Extremism',
      interventions: 2,
      estimates: 0,
      rateRatio: null,
      ciLow: null,
      ciHigh: null,
      noReliableEffect: null,
      reason: 'no-offences-mapped',
    },
  ],
  caveats: EFFECTS_CAVEATS,
};

// The feature's catalogue in an i18next instance of its own (the app's instance needs a browser).
const i18n = createInstance();
await i18n.init({
  resources: { de: { annualReport: de }, en: { annualReport: en } },
  lng: 'de',
  ns: ['annualReport'],
  defaultNS: 'annualReport',
  interpolation: { escapeValue: false },
});

const render = (lang: 'de' | 'en') => {
  const fixed = i18n.getFixedT(lang, 'annualReport' as never) as unknown as (key: string, options?: Record<string, unknown>) => string;
  const t: AnnualReportT = (key, options) => fixed(key, options);
  return renderToStaticMarkup(
    createElement(MantineProvider, null, createElement(EffectsSectionBody, { effects, year: 2023, t, lang })),
  ).replace(/&nbsp;|\u00a0|\u202f/g, ' ');
};

describe('effects section of the annual report page', () => {
  it('shows a captioned table with ratio, interval, statement or reason, and the caveats (German)', () => {
    const html = render('de');
    expect(html).toContain('<caption');
    expect(html).toContain('Wirkung 2023 nach Handlungsfeldern');
    expect(html).toMatch(/scope="row"[^>]*>Gewalt im öffentlichen Raum<\/th>/);
    expect(html).toContain('0,72');
    expect(html).toContain('0,61 bis 0,85');
    expect(html).toContain('weniger Fälle als erwartet');
    expect(html).toContain('kein belastbarer Effekt');
    expect(html).toContain('keine Schätzung: keine Straftaten zugeordnet');
    expect(html).toContain('did-rr-1.0');
    for (const c of EFFECTS_CAVEATS.de) expect(html).toContain(c);
  });

  it('speaks English with the English field names and caveats', () => {
    const html = render('en');
    expect(html).toContain('Violence in public space');
    expect(html).toContain('0.61 to 0.85');
    expect(html).toContain('no reliable effect');
    expect(html).toContain('no estimate: no offences mapped');
    for (const c of EFFECTS_CAVEATS.en) expect(html).toContain(c);
  });
});
