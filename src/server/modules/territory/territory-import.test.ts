import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gv100adReport } from '../../../shared/territory-import.schema.ts';
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { REAL_FILES, sharedDataFile } from '../../test/shared-data.ts';
import { registerTerritoryCommands } from './territory.cli.ts';
import { importDirectorates, importGv100ad } from './territory-import.service.ts';

const gv100adFile = sharedDataFile(REAL_FILES.gv100ad);
const directoratesFile = sharedDataFile(REAL_FILES.directorates);
const MAX_BYTES = 100 * 1_048_576;

/** Row counts and version sums: equal snapshots mean the database did not change. */
async function snapshot(db: Db) {
  const count = async (
    t: 'states' | 'districts' | 'associations' | 'municipalities' | 'audit_log' | 'police_directorates' | 'directorate_districts',
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const m = await db
    .selectFrom('municipalities')
    .select((eb) => [eb.fn.sum<number>('version').as('v'), eb.fn.sum<number>('active').as('a'), eb.fn.sum<number>('population').as('p')])
    .executeTakeFirstOrThrow();
  return {
    states: await count('states'),
    districts: await count('districts'),
    associations: await count('associations'),
    municipalities: await count('municipalities'),
    audit: await count('audit_log'),
    directorates: await count('police_directorates'),
    links: await count('directorate_districts'),
    versions: Number(m.v),
    active: Number(m.a),
    population: Number(m.p),
  };
}

function importFile(ctx: TestContext, file: string, opts: { state?: string | null; dryRun?: boolean } = {}) {
  const source = { name: path.basename(file), data: fs.readFileSync(file) };
  return ctx.db.transaction().execute((trx) =>
    importGv100ad(trx, SYSTEM_ACTOR, source, {
      state: opts.state === undefined ? '14' : opts.state,
      dryRun: Boolean(opts.dryRun),
      maxBytes: MAX_BYTES,
    }),
  );
}

async function expectProblem(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

/** The real file's lines, and helpers to change fixed-width fields (1-based positions). */
function realLines(): string[] {
  return fs.readFileSync(gv100adFile!, 'utf8').split('\r\n');
}
function lineIndexOf(lines: string[], type: string, ags: string): number {
  const i = lines.findIndex(
    (l) => l.startsWith(type) && l.slice(10, 10 + ags.length) === ags && (type !== '60' || l.slice(10, 18) === ags),
  );
  if (i < 0) throw new Error(`no record ${type} ${ags}`);
  return i;
}
function setField(line: string, from: number, len: number, value: string): string {
  return line.slice(0, from - 1) + value.padEnd(len).slice(0, len) + line.slice(from - 1 + len);
}
const num11 = (n: number) => String(n).padStart(11, '0');

describe.skipIf(!gv100adFile).each(DIALECTS)('GV100AD import of the real file on %s', (dialect) => {
  let ctx: TestContext;
  let tmp: string;
  let first: Gv100adReport;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-gv100ad-'));
    first = await importFile(ctx, gv100adFile!);
  });
  afterAll(async () => {
    await ctx?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('yields the 419 Saxon municipalities of 2021 with districts, populations and areas', async () => {
    expect(first).toMatchObject({
      changed: true,
      encoding: 'utf-8',
      statusDate: '2021-11-30',
      state: '14',
      records: { states: 1, districts: 13, municipalities: 419 },
    });
    // The harness seeded three of the real keys under made-up names: the import corrected them.
    expect(first.counts).toMatchObject({ added: 416, renamed: 3, merged: 0, removed: 0 });
    expect(first.attribution).toEqual(['Quelle: Statistisches Bundesamt (Destatis)']);

    const active = await ctx.db.selectFrom('municipalities').selectAll().where('active', '=', 1).where('ags', 'like', '14%').execute();
    expect(active).toHaveLength(419);
    const districts = await ctx.db
      .selectFrom('districts')
      .selectAll()
      .where('state_ags', '=', '14')
      .where('active', '=', 1)
      .orderBy('ags')
      .execute();
    expect(districts.map((d) => d.ags)).toEqual([
      '14511',
      '14521',
      '14522',
      '14523',
      '14524',
      '14612',
      '14625',
      '14626',
      '14627',
      '14628',
      '14713',
      '14729',
      '14730',
    ]);
    expect(new Set(active.map((m) => m.district_ags)).size).toBe(13);

    const bautzen = active.find((m) => m.ags === '14625020')!;
    expect(bautzen).toMatchObject({
      name: 'Bautzen / Budyšin, Stadt',
      ars: '146250020020',
      type_code: '63',
      population: 38006,
      population_male: 18383,
      postcode: '02625',
      status_date: '2021-11-30',
    });
    expect(Number(bautzen.area_ha)).toBe(6667);
    const dresden = active.find((m) => m.ags === '14612000')!;
    expect([dresden.name, dresden.population, Number(dresden.area_ha), dresden.type_code]).toEqual(['Dresden, Stadt', 556227, 32848, '61']);

    const saxonyPopulation = active.reduce((s, m) => s + m.population!, 0);
    expect(saxonyPopulation).toBe(4_056_941);
    // Districts carry the sums of their municipalities (Destatis leaves them blank).
    expect(districts.reduce((s, d) => s + d.population!, 0)).toBe(saxonyPopulation);
    expect(districts.find((d) => d.ags === '14521')).toMatchObject({
      name: 'Erzgebirgskreis',
      type_code: '44',
      seat: 'Annaberg-Buchholz',
      population: 331917,
    });
    expect(await ctx.db.selectFrom('states').selectAll().where('ags', '=', '14').executeTakeFirst()).toEqual({
      ags: '14',
      name: 'Sachsen',
      seat: 'Dresden',
      status_date: '2021-11-30',
    });

    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'territory.import.gv100ad').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!).counts).toMatchObject({ added: 416, renamed: 3 });
  });

  it('changes nothing when the same file is imported again (no audit entry either)', async () => {
    const before = await snapshot(ctx.db);
    const again = await importFile(ctx, gv100adFile!);
    expect(again.changed).toBe(false);
    expect(again.counts).toEqual({ added: 0, renamed: 0, updated: 0, merged: 0, removed: 0, unchanged: 419 });
    expect(again.districts).toEqual({ added: 0, updated: 0, deactivated: 0 });
    expect(await snapshot(ctx.db)).toEqual(before);
  });

  it('reports a renamed, a removed, a merged and a changed municipality of a newer file, keeping the removed ones inactive', async () => {
    const lines = realLines();
    const renamed = lineIndexOf(lines, '60', '14625240');
    lines[renamed] = setField(lines[renamed]!, 23, 50, 'Hoyerswerda, Stadt');
    const changed = lineIndexOf(lines, '60', '14612000');
    lines[changed] = setField(lines[changed]!, 140, 11, num11(556300));
    // Leipzig district: its first municipality merges into the second, which gains its area.
    const a = lines.findIndex((l) => l.startsWith('60') && l.slice(10, 15) === '14729');
    const [gone, heir] = [lines[a]!, lines[a + 1]!];
    const heirArea = Number(heir.slice(128, 139)) + Number(gone.slice(128, 139));
    lines[a + 1] = setField(heir, 129, 11, num11(heirArea));
    const removedIdx = lineIndexOf(lines, '60', '14521010');
    const drop = new Set([a, removedIdx]);
    const file = path.join(tmp, 'GV100AD_newer.ASC');
    fs.writeFileSync(file, lines.filter((_l, i) => !drop.has(i)).join('\r\n'));

    const preview = await importFile(ctx, file, { dryRun: true });
    const before = await snapshot(ctx.db);
    const report = await importFile(ctx, file);
    expect({ ...preview, dryRun: false }).toEqual(report);
    expect(before.audit).toBe((await snapshot(ctx.db)).audit - 1);

    const goneAgs = gone.slice(10, 18);
    const heirAgs = heir.slice(10, 18);
    expect(report.counts).toEqual({ added: 0, renamed: 1, updated: 2, merged: 1, removed: 1, unchanged: 414 });
    expect(report.municipalities.renamed).toEqual([{ ags: '14625240', from: 'Hoyerswerda / Wojerecy, Stadt', to: 'Hoyerswerda, Stadt' }]);
    expect(report.municipalities.updated).toEqual(
      expect.arrayContaining([
        { ags: '14612000', name: 'Dresden, Stadt', fields: ['population'] },
        { ags: heirAgs, name: heir.slice(22, 72).trim(), fields: ['areaHa'] },
      ]),
    );
    expect(report.municipalities.merged).toEqual([{ ags: goneAgs, name: gone.slice(22, 72).trim(), into: [heirAgs] }]);
    expect(report.municipalities.removed).toEqual([{ ags: '14521010', name: 'Amtsberg' }]);

    const rows = await ctx.db
      .selectFrom('municipalities')
      .select(['ags', 'active', 'name', 'population', 'version'])
      .where('ags', 'in', ['14521010', goneAgs, '14625240', '14612000'])
      .orderBy('ags')
      .execute();
    expect(rows.map((r) => [r.ags, r.active])).toEqual(
      [
        ['14521010', 0],
        [goneAgs, 0],
        ['14612000', 1],
        ['14625240', 1],
      ].sort(),
    );
    expect(rows.find((r) => r.ags === '14521010')!.name).toBe('Amtsberg'); // kept with its data
    expect(rows.find((r) => r.ags === '14612000')!.population).toBe(556300);
    expect(
      await ctx.db.selectFrom('municipalities').select('ags').where('active', '=', 1).where('ags', 'like', '14%').execute(),
    ).toHaveLength(417);

    // The list hides inactive municipalities unless asked.
    const lpr = await ctx.as('lpr');
    const list = await lpr.get('/api/municipalities?q=Amtsberg');
    expect(list.json().items).toEqual([]);
    const withInactive = await lpr.get('/api/municipalities?q=Amtsberg&includeInactive=true');
    expect(withInactive.json().items).toEqual([expect.objectContaining({ ags: '14521010', active: false })]);
    expect(withInactive.json().attribution).toEqual(['Quelle: Statistisches Bundesamt (Destatis)']);

    // Back to the original: the two come back as reactivated, nothing is lost.
    const back = await importFile(ctx, gv100adFile!);
    expect(back.counts).toMatchObject({ added: 2, renamed: 1, updated: 2, merged: 0, removed: 0 });
    expect(back.municipalities.added.every((x) => x.reactivated)).toBe(true);
    expect(
      await ctx.db.selectFrom('municipalities').select('ags').where('active', '=', 1).where('ags', 'like', '14%').execute(),
    ).toHaveLength(419);
  });

  describe('refuses a bad file, naming line and field, and leaves the database unchanged', () => {
    const cases: [string, (line: string) => string, string, string][] = [
      ['a truncated line', (l) => l.slice(0, 150), 'line', 'truncated'],
      ['an unknown record type', (l) => `70${l.slice(2)}`, 'recordType', 'unknown_record_type'],
      ['a non-numeric population', (l) => setField(l, 140, 11, '0000003800x'), 'population', 'not_a_number'],
    ];
    it.each(cases)('%s', async (_name, corrupt, field, code) => {
      const lines = realLines();
      const i = lineIndexOf(lines, '60', '14625020');
      lines[i] = corrupt(lines[i]!);
      const file = path.join(tmp, `bad-${code}.ASC`);
      fs.writeFileSync(file, lines.join('\r\n'));
      const before = await snapshot(ctx.db);
      const err = await expectProblem(importFile(ctx, file));
      expect(err.status).toBe(400);
      expect(err.fieldErrors).toEqual([expect.objectContaining({ field: `line ${i + 1}: ${field}`, code })]);
      expect(err.detail?.de).toContain('es wurde nichts importiert');
      expect(await snapshot(ctx.db)).toEqual(before);
    });

    it('rolls back everything when writing fails half-way', async () => {
      const lines = realLines();
      const i = lineIndexOf(lines, '60', '14612000');
      lines[i] = setField(lines[i]!, 140, 11, num11(600000));
      const file = path.join(tmp, 'GV100AD_fails.ASC');
      fs.writeFileSync(file, lines.join('\r\n'));
      const before = await snapshot(ctx.db);
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await importGv100ad(
            trx,
            SYSTEM_ACTOR,
            { name: 'x', data: fs.readFileSync(file) },
            { state: '14', dryRun: false, maxBytes: MAX_BYTES },
          );
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      expect(await snapshot(ctx.db)).toEqual(before);
    });
  });

  describe.skipIf(!directoratesFile)('police directorates', () => {
    it('imports the 5 Saxon directorates covering the 13 districts; every municipality resolves to one', async () => {
      const source = { name: 'sachsen_polizeidirektionen_kreise.csv', data: fs.readFileSync(directoratesFile!) };
      const report = await ctx.db
        .transaction()
        .execute((trx) => importDirectorates(trx, SYSTEM_ACTOR, source, { dryRun: false, maxBytes: MAX_BYTES }));
      expect(report.changed).toBe(true);
      expect(report.directorates.map((d) => [d.name, d.districts.length])).toEqual([
        ['Polizeidirektion Chemnitz', 3],
        ['Polizeidirektion Zwickau', 2],
        ['Polizeidirektion Dresden', 3],
        ['Polizeidirektion Görlitz', 2],
        ['Polizeidirektion Leipzig', 3],
      ]);
      // The harness's "Chemnitz" and "Dresden" are the same directorates under their short names: renamed, ids kept.
      expect(report.renamed).toEqual([
        { from: 'Chemnitz', to: 'Polizeidirektion Chemnitz' },
        { from: 'Dresden', to: 'Polizeidirektion Dresden' },
      ]);
      expect(report.added).toEqual(['Polizeidirektion Zwickau', 'Polizeidirektion Görlitz', 'Polizeidirektion Leipzig']);
      expect(report.uncoveredDistricts).toEqual([]);

      const dirs = await ctx.db.selectFrom('police_directorates').selectAll().orderBy('name').execute();
      expect(dirs.map((d) => d.name)).toEqual([
        'Polizeidirektion Chemnitz',
        'Polizeidirektion Dresden',
        'Polizeidirektion Görlitz',
        'Polizeidirektion Leipzig',
        'Polizeidirektion Zwickau',
      ]);
      expect(dirs.find((d) => d.name === 'Polizeidirektion Chemnitz')!.id).toBe(ctx.territory.chemnitzDirectorate);
      const links = await ctx.db.selectFrom('directorate_districts').selectAll().execute();
      expect(new Set(links.map((l) => l.district_ags)).size).toBe(13);

      const lpr = await ctx.as('lpr');
      const list = (await lpr.get('/api/municipalities?pageSize=500')).json();
      expect(list.total).toBe(419);
      expect(list.items.filter((m: { directorateName: string | null }) => !m.directorateName)).toEqual([]);
      expect(list.items.find((m: { ags: string }) => m.ags === '14625020').directorateName).toBe('Polizeidirektion Görlitz');
      // Police of Görlitz see the municipalities of Bautzen and Görlitz districts only.
      const goerlitz = dirs.find((d) => d.name === 'Polizeidirektion Görlitz')!;
      const police = await ctx.as('police', { directorateId: goerlitz.id });
      const seen = (await police.get('/api/municipalities?pageSize=500')).json();
      expect(new Set(seen.items.map((m: { districtAgs: string }) => m.districtAgs))).toEqual(new Set(['14625', '14626']));

      const districts = (await lpr.get('/api/districts?state=14')).json();
      expect(districts.items).toHaveLength(13);
      expect(districts.attribution).toEqual(['Quelle: Statistisches Bundesamt (Destatis)']);
      expect(districts.items.reduce((s: number, d: { municipalityCount: number }) => s + d.municipalityCount, 0)).toBe(419);
      expect(districts.items.find((d: { ags: string }) => d.ags === '14521')).toMatchObject({
        name: 'Erzgebirgskreis',
        directorateName: 'Polizeidirektion Chemnitz',
        municipalityCount: 59,
        population: 331917,
      });
    });

    it('changes nothing on re-import', async () => {
      const before = await snapshot(ctx.db);
      const source = { name: 'x.csv', data: fs.readFileSync(directoratesFile!) };
      const report = await ctx.db
        .transaction()
        .execute((trx) => importDirectorates(trx, SYSTEM_ACTOR, source, { dryRun: false, maxBytes: MAX_BYTES }));
      expect(report).toMatchObject({ changed: false, added: [], renamed: [], updated: [], unlisted: [] });
      expect(await snapshot(ctx.db)).toEqual(before);
    });

    it('refuses unknown district keys with their line numbers, changing nothing', async () => {
      const text =
        fs.readFileSync(directoratesFile!, 'utf8').replace('14522,Mittelsachsen', '14599,Mittelsachsen') +
        '1499,Irgendwo,Polizeidirektion Chemnitz,x\n';
      const before = await snapshot(ctx.db);
      const err = await expectProblem(
        ctx.db
          .transaction()
          .execute((trx) =>
            importDirectorates(trx, SYSTEM_ACTOR, { name: 'x.csv', data: Buffer.from(text) }, { dryRun: false, maxBytes: MAX_BYTES }),
          ),
      );
      expect(err.fieldErrors?.map((f) => [f.field, f.code])).toEqual([['line 15: kreis_ags', 'invalid_ags']]);
      const err2 = await expectProblem(
        ctx.db
          .transaction()
          .execute((trx) =>
            importDirectorates(
              trx,
              SYSTEM_ACTOR,
              { name: 'x.csv', data: Buffer.from(text.replace(/1499,Irgendwo.*\n$/, '')) },
              { dryRun: false, maxBytes: MAX_BYTES },
            ),
          ),
      );
      expect(err2.fieldErrors?.map((f) => [f.field, f.code])).toEqual([['line 4: kreis_ags', 'unknown_district']]);
      expect(err2.fieldErrors?.[0]?.message.de).toContain('14599');
      expect(await snapshot(ctx.db)).toEqual(before);
    });

    it('moves a district to another directorate; a directorate no longer listed stays, without districts', async () => {
      const text = fs
        .readFileSync(directoratesFile!, 'utf8')
        .replace('14730,Nordsachsen,Polizeidirektion Leipzig', '14730,Nordsachsen,Polizeidirektion Dresden')
        .split('\n')
        .filter((l) => !l.includes('Polizeidirektion Zwickau'))
        .join('\n');
      const report = await ctx.db
        .transaction()
        .execute((trx) =>
          importDirectorates(trx, SYSTEM_ACTOR, { name: 'y.csv', data: Buffer.from(text) }, { dryRun: false, maxBytes: MAX_BYTES }),
        );
      expect(report.updated).toEqual([
        { name: 'Polizeidirektion Dresden', districtsAdded: ['14730'], districtsRemoved: [] },
        { name: 'Polizeidirektion Leipzig', districtsAdded: [], districtsRemoved: ['14730'] },
      ]);
      expect(report.unlisted).toEqual([{ name: 'Polizeidirektion Zwickau', districtsRemoved: ['14523', '14524'] }]);
      const zwickau = await ctx.db
        .selectFrom('police_directorates')
        .selectAll()
        .where('name', '=', 'Polizeidirektion Zwickau')
        .executeTakeFirstOrThrow();
      expect(await ctx.db.selectFrom('directorate_districts').selectAll().where('directorate_id', '=', zwickau.id).execute()).toEqual([]);
      expect(report.uncoveredDistricts.map((d) => d.ags)).toEqual(['14523', '14524']);
      const nordsachsen = await ctx.db
        .selectFrom('directorate_districts')
        .innerJoin('police_directorates', 'police_directorates.id', 'directorate_districts.directorate_id')
        .select('police_directorates.name')
        .where('district_ags', '=', '14730')
        .executeTakeFirst();
      expect(nordsachsen?.name).toBe('Polizeidirektion Dresden');
    });
  });
});

describe.skipIf(!gv100adFile || !directoratesFile).each(DIALECTS)('praevis import … (CLI) on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function run(...args: string[]): Promise<string> {
    const lines: string[] = [];
    const program = new Command('praevis').exitOverride();
    // The command closes the database when done: hand it a handle whose destroy leaves the test's open.
    registerTerritoryCommands(
      program,
      async () => ({ config: ctx.config, database: { ...ctx.database, destroy: async () => {} } }),
      (l) => lines.push(l),
    );
    await program.parseAsync(['node', 'praevis', ...args]);
    return lines.join('\n');
  }

  it('imports the directory for the configured state, then the directorates, and previews with --dry-run', async () => {
    const dry = await run('import', 'gv100ad', gv100adFile!, '--dry-run');
    expect(dry).toContain('Land 14');
    expect(dry).toContain('Probelauf: nichts gespeichert');
    expect(await ctx.db.selectFrom('municipalities').select('ags').execute()).toHaveLength(3);

    const out = await run('import', 'gv100ad', gv100adFile!, '--state', '14');
    expect(out).toMatch(/GV100AD GV100AD_301121\.ASC: Gebietsstand 2021-11-30, utf-8, Land 14/);
    expect(out).toContain('neu/added 416');
    expect(out).toContain('Quelle: Statistisches Bundesamt (Destatis)');
    expect(await run('import', 'gv100ad', gv100adFile!)).toContain('Keine Änderungen');

    const dirs = await run('import', 'directorates', directoratesFile!);
    expect(dirs).toContain('Polizeidirektion Görlitz: Bautzen, Görlitz');
    await expect(run('import', 'gv100ad', gv100adFile!, '--state', 'Sachsen')).rejects.toThrow('--state');
  });
});
