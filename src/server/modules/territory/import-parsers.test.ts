import { describe, expect, it } from 'vitest';
import { parseBoundaries } from './boundaries.parser.ts';
import { parseDirectoratesCsv } from './directorates.parser.ts';
import { ImportFileError, type ImportIssue } from './import-issues.ts';

function issuesOf(parse: () => unknown): ImportIssue[] {
  try {
    parse();
  } catch (err) {
    if (err instanceof ImportFileError) return err.issues;
    throw err;
  }
  throw new Error('expected the parse to fail');
}

describe('directorates CSV parser', () => {
  const header = 'kreis_ags,kreis_name,polizeidirektion,rechtsgrundlage\n';

  it('reads district → directorate lines, comma or semicolon separated, in Windows-1252 too', () => {
    const csv = parseDirectoratesCsv(
      Buffer.from(`${header}14625,Bautzen,Polizeidirektion Görlitz,x\n14626,"Görlitz",Polizeidirektion  Görlitz,x\n`),
    );
    expect(csv.rows).toEqual([
      { line: 2, districtAgs: '14625', directorate: 'Polizeidirektion Görlitz' },
      { line: 3, districtAgs: '14626', directorate: 'Polizeidirektion Görlitz' },
    ]);
    const latin1 = parseDirectoratesCsv(Buffer.from('Kreis_AGS;Polizeidirektion\n14626;Polizeidirektion Görlitz\n', 'latin1'));
    expect(latin1).toEqual({
      encoding: 'windows-1252',
      rows: [{ line: 2, districtAgs: '14626', directorate: 'Polizeidirektion Görlitz' }],
    });
  });

  it('names line and column of bad keys, missing names and duplicates', () => {
    const issues = issuesOf(() =>
      parseDirectoratesCsv(
        Buffer.from(`${header}1462,Bautzen,PD Görlitz,x\n14626,Görlitz,,x\n14627,Meißen,PD Dresden,x\n14627,Meißen,PD Dresden,x\n`),
      ),
    );
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [2, 'kreis_ags', 'invalid_ags'],
      [3, 'polizeidirektion', 'required'],
      [5, 'kreis_ags', 'duplicate'],
    ]);
  });

  it('refuses a file without the needed columns', () => {
    expect(issuesOf(() => parseDirectoratesCsv(Buffer.from('a,b\n1,2\n'))).map((i) => i.code)).toEqual([
      'missing_column',
      'missing_column',
    ]);
  });
});

describe('boundaries GeoJSON parser', () => {
  const square = (x: number, y: number) => [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ];
  const fc = (features: unknown[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  const feature = (props: Record<string, unknown>, coordinates: unknown = square(13, 51), type = 'Polygon') => ({
    type: 'Feature',
    properties: props,
    geometry: { type, coordinates },
  });

  it('reads AGS and GEN, and joins features of the same key into one MultiPolygon', () => {
    const out = parseBoundaries(
      fc([
        feature({ AGS: '14625020', GEN: 'Bautzen / Budyšin' }),
        feature({ AGS: '14612000', GEN: 'Dresden' }, square(13.7, 51)),
        feature({ AGS: '14612000', GEN: 'Dresden' }, square(13.9, 51)),
      ]),
      'municipalities',
    );
    expect(out.map((f) => [f.ags, f.name, f.geometry.type])).toEqual([
      ['14612000', 'Dresden', 'MultiPolygon'],
      ['14625020', 'Bautzen / Budyšin', 'Polygon'],
    ]);
  });

  it('names the feature and field of each problem', () => {
    const issues = issuesOf(() =>
      parseBoundaries(
        fc([
          feature({ AGS: '1462502', GEN: 'kurz' }),
          feature({ AGS: '14625020' }, [
            [
              [13, 51],
              [13.1, 51],
            ],
          ]),
          feature({ AGS: '14626110' }, [
            [
              [450000, 5650000],
              [450100, 5650000],
              [450100, 5650100],
              [450000, 5650000],
            ],
          ]),
          feature({ AGS: '14626120' }, [13, 51], 'Point'),
        ]),
        'municipalities',
      ),
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['features[0].properties.AGS', 'invalid_ags'],
      ['features[1].geometry', 'invalid_geometry'],
      ['features[2].geometry', 'invalid_geometry'],
      ['features[3].geometry', 'invalid_geometry'],
    ]);
    expect(issues[2]!.message.en).toContain('reproject');
  });

  it('hints at the other level when every key has its length', () => {
    const issues = issuesOf(() => parseBoundaries(fc([feature({ AGS: '14625', GEN: 'Bautzen' })]), 'municipalities'));
    expect(issues[0]).toMatchObject({ field: 'level', code: 'wrong_level' });
  });

  it('gives the line of a JSON syntax error', () => {
    const issues = issuesOf(() => parseBoundaries(Buffer.from('{\n"type": "FeatureCollection"\n"features": []\n}'), 'municipalities'));
    expect(issues[0]).toMatchObject({ line: 3, field: 'json', code: 'json_syntax' });
  });
});
