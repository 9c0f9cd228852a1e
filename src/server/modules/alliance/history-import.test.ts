import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { registerAllianceCommands } from './alliance.cli.ts';
import { parseDate, parseHistoryCsv, parseSignatories } from './history-import.ts';
import { allianceSnapshot, clearAlliance, multipartFile } from './test-support.ts';

const HEADER = 'ags,event_type,date,notes,topic,participants,withdrawal_kind,agreement,agreement_title,directorate,signatories';

describe('history CSV parsing', () => {
  it('accepts ISO and German dates, refuses impossible ones', () => {
    expect(parseDate('2019-02-06')).toBe('2019-02-06');
    expect(parseDate('6.2.2019')).toBe('2019-02-06');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('31.04.2020')).toBeNull();
    expect(parseDate('2020/01/01')).toBeNull();
  });

  it('parses signatories and guesses their party', () => {
    expect(
      parseSignatories(
        'Rolf Schmidt (Oberbürgermeister) | Conny Berg (Präsidentin der Polizeidirektion Chemnitz) | Lena Rat (Geschäftsführerin Landespräventionsrat)',
        '14521035',
      ),
    ).toEqual([
      { name: 'Rolf Schmidt', function: 'Oberbürgermeister', party: 'municipality', ags: '14521035' },
      { name: 'Conny Berg', function: 'Präsidentin der Polizeidirektion Chemnitz', party: 'police', ags: null },
      { name: 'Lena Rat', function: 'Geschäftsführerin Landespräventionsrat', party: 'council', ags: null },
    ]);
    expect(parseSignatories('Rolf Schmidt', '14521035')).toBeNull();
  });

  it('reads semicolon-separated ISO-8859-1 files as spreadsheet programs write them', () => {
    const text = 'ags;event_type;date;topic\n14521035;consultation;06.02.2019;Müll und Graffiti\n';
    const { rows, errors } = parseHistoryCsv(Buffer.from(text, 'latin1'), '2026-01-01');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, ags: '14521035', date: '2019-02-06', topic: 'Müll und Graffiti' });
  });

  it('names line and column of every field error', () => {
    const text = [
      HEADER,
      '1452103,consultation,2020-01-01,,,,,,,,',
      '14521035,party,2020-01-01,,,,,,,,',
      '14521035,consultation,2020-13-01,,,,,,,,',
      '14521035,coaching_started,2020-01-01,,Thema,,,,,,',
      '14521035,agreement_signed,2020-01-01,,,,,,,,',
      '14521035,withdrawn,2020-01-01,,,,leave,,,,',
      '14521035,consultation,2099-01-01,,,,,,,,',
    ].join('\n');
    const { errors } = parseHistoryCsv(Buffer.from(text), '2026-01-01');
    expect(errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual([
      '2:ags:invalid',
      '3:event_type:unknown',
      '4:date:invalid',
      '5:topic:not_applicable',
      '6:agreement:required',
      '7:withdrawal_kind:unknown',
      '8:date:date_in_future',
    ]);
  });

  it('refuses NUL characters, naming line and column', () => {
    const { errors } = parseHistoryCsv(Buffer.from('ags,event_type,date,notes\n14521035,consultation,2020-01-01,a\u0000b\n'), '2026-01-01');
    expect(errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual(['2:notes:invalid_character']);
  });

  it('refuses unknown and missing columns', () => {
    const { errors } = parseHistoryCsv(Buffer.from('ags,typ,date\n'), '2026-01-01');
    expect(errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual(['1:typ:unknown_column', '1:event_type:missing_column']);
  });
});

describe.each(DIALECTS)('history import on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let A: string;
  let B: string;
  let D: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    ({ annaberg: A, aue: B, dresdenCity: D } = ctx.territory);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(async () => {
    await clearAlliance(ctx.db);
  });

  const upload = (csv: string | Buffer, query = '', client = lpr) => {
    const m = multipartFile('historie.csv', csv, 'text/csv');
    return client.post(`/api/alliance/history/import${query}`, m.payload, { headers: m.headers });
  };

  const valid = () =>
    [
      HEADER,
      `${A},consultation,2019-03-01,Erstberatung,Aufbau KPR,"Bürgermeister, Ordnungsamt",,,,,`,
      `${B},consultation,2019-03-05,,,,,,,,`,
      `${A},agreement_signed,2019-09-10,,,,,KV-EZ-1,Gemeinsame Vereinbarung Annaberg/Aue,Chemnitz,Rolf Schmidt (Oberbürgermeister) | Conny Berg (Präsidentin der Polizeidirektion)`,
      `${B},agreement_signed,2019-09-10,,,,,KV-EZ-1,,,Heike Berger (Bürgermeisterin)`,
      `${A},coaching_started,2019-10-01,,,,,,,,`,
      `${B},withdrawn,2021-01-01,,,,pause,,,,`,
      `${B},resumed,2021-06-01,,,,,,,,`,
      `${D},consultation,2020-02-02,,,,,,,,`,
      `${D},agreement_signed,2020-05-05,,,,,KV-DD-1,,,`,
      `${D},agreement_terminated,2022-05-05,,,,,KV-DD-1,,,`,
    ].join('\n');

  it('imports a history with a joint agreement, signatories and a terminated agreement', async () => {
    const res = await upload(valid());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dryRun: false, lines: 10, events: 10, agreements: 2, municipalities: 3 });
    const detail = (await lpr.get(`/api/alliance/municipalities/${A}?at=2020-01-01`)).json();
    expect(detail.events).toHaveLength(3);
    expect(detail.events[0]).toMatchObject({
      topic: 'Aufbau KPR',
      participants: 'Bürgermeister, Ordnungsamt',
      source: 'import',
      notes: 'Erstberatung',
    });
    const k = detail.agreements[0];
    expect(k).toMatchObject({
      reference: 'KV-EZ-1',
      title: 'Gemeinsame Vereinbarung Annaberg/Aue',
      joint: true,
      directorateName: 'Chemnitz',
      signedOn: '2019-09-10',
    });
    expect(k.signatories.map((s: { name: string; party: string }) => `${s.name}/${s.party}`)).toEqual([
      'Rolf Schmidt/municipality',
      'Conny Berg/police',
      'Heike Berger/municipality',
    ]);
    const f = (await lpr.get('/api/alliance/figures?at=2021-03-01')).json();
    expect(f.statewide).toMatchObject({
      advised: 3,
      agreementsSigned: 2,
      agreementsInForce: 2,
      // The paused municipality's agreement stays in force, but a paused municipality is not counted as covered.
      communesCoveredByAgreements: 2,
      withdrawn: 1,
      inCollaboration: 2,
      coachingRunning: 1,
    });
    const audit = (await (await ctx.as('admin')).get('/api/audit?entityType=alliance_history&action=import')).json();
    expect(audit.total).toBe(1);
    // A later file can refer to a stored agreement by its id.
    const later = await upload(`ags,event_type,date,agreement\n${A},agreement_amended,2022-01-01,KV-EZ-1\n`);
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json()).toMatchObject({ events: 1, agreements: 0 });
  });

  it('reads a Windows-1252 file as German spreadsheet programs write it, and a UTF-8 file with Sorbian names', async () => {
    const notes = 'Treffen in der „Gemeinde“ – Budget 500 €';
    const cp1252 = iconv.encode(`ags;event_type;date;notes\r\n${A};consultation;2019-03-01;${notes}\r\n`, 'windows-1252');
    // „ “ – € are the bytes 0x84 0x93 0x96 0x80; read as ISO-8859-1 they would be the control characters U+0084 U+0093 U+0096 U+0080.
    expect(cp1252.toString('latin1')).toContain('\u0084Gemeinde\u0093 \u0096 Budget 500 \u0080');
    const res = await upload(cp1252);
    expect(res.statusCode, res.body).toBe(201);
    const sorbian = 'Lohsa / Łaz, Crostwitz / Chrósćicy, Panschwitz-Kuckau / Pančicy-Kukow';
    const utf8 = await upload(Buffer.from(`ags,event_type,date,topic\n${B},consultation,2019-03-05,"${sorbian}"\n`, 'utf8'));
    expect(utf8.statusCode, utf8.body).toBe(201);
    const eventsOf = async (ags: string) => (await lpr.get(`/api/alliance/municipalities/${ags}?at=2020-01-01`)).json().events;
    expect((await eventsOf(A))[0]).toMatchObject({ notes });
    expect((await eventsOf(A))[0].notes).not.toMatch(/[\u0080-\u009f]/);
    expect((await eventsOf(B))[0]).toMatchObject({ topic: sorbian });
  });

  it('a dry run checks everything and stores nothing', async () => {
    const before = await allianceSnapshot(ctx.db);
    const res = await upload(valid(), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, events: 10, agreements: 2 });
    expect(await allianceSnapshot(ctx.db)).toEqual(before);
  });

  it('an unknown AGS is refused naming the line; nothing is stored', async () => {
    const before = await allianceSnapshot(ctx.db);
    const res = await upload(`${valid()}\n14599999,consultation,2020-01-01,,,,,,,,`);
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.errors).toEqual([expect.objectContaining({ field: 'lines.12.ags', code: 'unknown' })]);
    expect(p.errors[0].message).toContain('Zeile 12');
    expect(p.detail).toContain('nichts');
    expect(await allianceSnapshot(ctx.db)).toEqual(before);
  });

  it('a contradictory order within a municipality is refused naming the line and column; nothing is stored', async () => {
    const before = await allianceSnapshot(ctx.db);
    const csv = [
      HEADER,
      `${A},consultation,2019-03-01,,,,,,,,`,
      `${A},coaching_ended,2019-04-01,,,,,,,,`,
      `${A},coaching_started,2019-06-01,,,,,,,,`,
      `${B},agreement_signed,2019-09-10,,,,,KV-1,,,`,
      `${B},agreement_terminated,2019-09-01,,,,,KV-1,,,`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'lines.3.date:coaching_end_before_start',
      'lines.6.date:terminated_before_signed',
    ]);
    const m = multipartFile('h.csv', csv);
    const en = await lpr.post('/api/alliance/history/import', m.payload, { headers: { ...m.headers, 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().errors[0].message).toMatch(/^Line 3, date: Coaching cannot end/);
    // A body whose boundary does not match its header is a bad request, not a server error.
    const broken = await lpr.post('/api/alliance/history/import', m.payload, { headers: multipartFile('h.csv', csv).headers });
    expect(broken.statusCode).toBe(400);
    expect(await allianceSnapshot(ctx.db)).toEqual(before);
  });

  it('checks the file together with what is stored already', async () => {
    expect((await lpr.post(`/api/alliance/municipalities/${A}/events`, { type: 'coaching_started', date: '2020-01-01' })).statusCode).toBe(
      201,
    );
    const res = await upload(`ags,event_type,date\n${B},consultation,2020-01-01\n${A},coaching_started,2020-06-01\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'lines.3.date', code: 'coaching_already_running' });
  });

  it('refuses a request that is not multipart, and roles that may not record', async () => {
    expect((await lpr.post('/api/alliance/history/import', { file: valid() })).statusCode).toBe(415);
    const coordinator = await ctx.as('coordinator');
    expect((await upload(valid(), '', coordinator)).statusCode).toBe(403);
    const ministry = await ctx.as('ministry');
    expect((await upload(valid(), '', ministry)).statusCode).toBe(403);
  });

  it('`praevis import history <FILE>` imports, and refuses with line numbers leaving the database unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-history-'));
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, valid());
    fs.writeFileSync(bad, `ags,event_type,date\n${A},consultation,2020-01-01\n14500000,consultation,2020-01-01\n`);
    const lines: string[] = [];
    const program = new Command().exitOverride();
    const open = async () => ({ config: ctx.config, database: { ...ctx.database, destroy: async () => {} } });
    registerAllianceCommands(program, open, (l) => lines.push(l));
    const before = await allianceSnapshot(ctx.db);
    await expect(program.parseAsync(['node', 'praevis', 'import', 'history', bad])).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: 'lines.3.ags' })],
    });
    expect(await allianceSnapshot(ctx.db)).toEqual(before);
    await program.parseAsync(['node', 'praevis', 'import', 'history', good, '--dry-run']);
    expect(await allianceSnapshot(ctx.db)).toEqual(before);
    await program.parseAsync(['node', 'praevis', 'import', 'history', good]);
    expect(lines.join('\n')).toContain('10 Ereignisse');
    expect((await allianceSnapshot(ctx.db)).alliance_events).toBe((before.alliance_events ?? 0) + 10);
  });
});
