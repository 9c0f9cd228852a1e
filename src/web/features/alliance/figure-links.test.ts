import { describe, expect, it } from 'vitest';
import { ALL_FIGURES, FACT_BOX_FIGURES, type FigureCounts } from '../../../shared/alliance.schema.ts';
import { factBoxFigureLinks, publicFigureHref } from './figure-links.ts';

const counts = (over: Partial<FigureCounts> = {}): FigureCounts =>
  ({ ...Object.fromEntries(ALL_FIGURES.map((k, i) => [k, i + 3])), ...over }) as FigureCounts;

describe('the fact box figures and the public drill-down', () => {
  it('links every figure the fact box names, with its value, to the list of what it counts', () => {
    const c = counts();
    const hrefOf = (key: string) => `/list?figure=${key}`;
    const links = factBoxFigureLinks(c, hrefOf);
    expect(links.map((l) => l.key)).toEqual([...FACT_BOX_FIGURES]);
    for (const l of links) {
      expect(l.value).toBe(c[l.key]);
      expect(l.href).toBe(hrefOf(l.key));
    }
  });

  it('leaves the pre-agreements out when the text does (none at the date)', () => {
    const links = factBoxFigureLinks(counts({ preAgreements: 0 }), (key) => publicFigureHref(key, '2024-06-30'));
    expect(links.map((l) => l.key)).toEqual(FACT_BOX_FIGURES.filter((k) => k !== 'preAgreements'));
  });

  it("the public page's links stay on the public page and name the figure, the date and the area", () => {
    for (const key of ALL_FIGURES) {
      const url = new URL(publicFigureHref(key, '2024-06-30', { district: '14521' }), 'https://praevis.example');
      expect(url.pathname).toBe('/oeffentlich');
      expect(Object.fromEntries(url.searchParams)).toEqual({ at: '2024-06-30', figure: key, district: '14521' });
      expect(url.hash).toBe('#figure-rows');
    }
    expect(publicFigureHref('advised', '2024-06-30', { directorateId: 3 })).toBe(
      '/oeffentlich?at=2024-06-30&figure=advised&directorateId=3#figure-rows',
    );
  });
});
