import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

/*
 * Counted phrases take their form from i18next's plural rules: the plain key holds the plural
 * ("3 Gemeinden"), `<key>_one` the singular ("1 Gemeinde"), which i18next tries first for a count of one.
 */
const web = path.resolve(import.meta.dirname, '..');
const catalogues = [
  path.join(web, 'i18n'),
  ...fs
    .readdirSync(path.join(web, 'features'))
    .map((f) => path.join(web, 'features', f, 'i18n'))
    .filter((d) => fs.existsSync(d)),
];

type Tree = { [key: string]: string | Tree };
const read = (dir: string, lng: string): Tree => JSON.parse(fs.readFileSync(path.join(dir, `${lng}.json`), 'utf8')) as Tree;

/** Every leaf key of a catalogue with its text. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

type LooseT = (key: string, options: Record<string, unknown>) => string;

/** A translator of one catalogue (German first), untyped: the keys are the catalogue's, not the app's. */
async function translator(dir: string): Promise<{ t: LooseT }> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { de: { translation: read(dir, 'de') }, en: { translation: read(dir, 'en') } },
    lng: 'de',
    initAsync: false,
  });
  return { t: instance.t.bind(instance) as unknown as LooseT };
}

describe('plurals', () => {
  it.each(catalogues.map((d) => [path.relative(web, d), d]))('%s: every singular has its plural, which names the count', (_name, dir) => {
    for (const lng of ['de', 'en']) {
      const texts = new Map(leaves(read(dir, lng)));
      for (const key of texts.keys()) {
        if (!key.endsWith('_one')) continue;
        const base = key.slice(0, -'_one'.length);
        const plural = texts.get(base) ?? texts.get(`${base}_other`);
        expect(plural, `${lng}: ${key} without ${base} or ${base}_other`).toBeDefined();
        // A singular that names the count needs a plural that names it too; a pair without the count
        // is a predicate that only agrees with a count said elsewhere ("fühlt sich" / "fühlen sich").
        if (texts.get(key)!.includes('{{count}}')) expect(plural, `${lng}: ${base}`).toContain('{{count}}');
        else expect(plural, `${lng}: ${base} must differ from its singular`).not.toBe(texts.get(key));
      }
    }
  });

  it('says "1 Mitglied", "1 offene Aufgabe" and "2 Mitglieder" on a council, in both languages', async () => {
    const t = await translator(path.join(web, 'features', 'councils', 'i18n'));
    const figures = (counts: [number, number, number, number], lng: string) =>
      [
        t.t('council.countsMembers', { count: counts[0], lng }),
        t.t('council.countsMeetings', { count: counts[1], lng }),
        t.t('council.countsOpenTasks', { count: counts[2], lng }),
        t.t('council.countsOverdue', { count: counts[3], lng }),
      ].join(', ');
    expect(figures([1, 1, 1, 0], 'de')).toBe('1 Mitglied, 1 Sitzung, 1 offene Aufgabe, davon 0 überfällig');
    expect(figures([2, 0, 3, 1], 'de')).toBe('2 Mitglieder, 0 Sitzungen, 3 offene Aufgaben, davon 1 überfällig');
    expect(figures([1, 2, 1, 1], 'en')).toBe('1 member, 2 meetings, 1 open task, 1 of them overdue');
  });

  it('says "1 Gemeinde" and "3 Gemeinden" on the crime statistics', async () => {
    const t = await translator(path.join(web, 'features', 'crime-stats', 'i18n'));
    expect(t.t('overview.legendCountMunicipalities', { label: 'ab 5.000', count: 1 })).toBe('ab 5.000 (1 Gemeinde)');
    expect(t.t('overview.legendCountMunicipalities', { label: 'ab 5.000', count: 3 })).toBe('ab 5.000 (3 Gemeinden)');
    expect(t.t('overview.legendCount', { label: 'ab 5.000', count: 1 })).toBe('ab 5.000 (1 Kreis)');
    expect(t.t('districtMunicipalities.intro', { count: 1, district: 'Erzgebirgskreis' })).toBe(
      '1 Gemeinde in Erzgebirgskreis hat Zahlen der Landespolizei.',
    );
    expect(t.t('districtMunicipalities.intro', { count: 2, district: 'Erzgebirgskreis', lng: 'en' })).toBe(
      '2 municipalities in Erzgebirgskreis have state police figures.',
    );
  });
});
