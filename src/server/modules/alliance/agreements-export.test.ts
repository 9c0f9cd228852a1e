import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMunicipality } from '../../test/factories.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { clearAlliance, multipartFile, SAMPLE_PDF } from './test-support.ts';

/*
 * The download of an agreement figure's drill-down (GET /api/alliance/export?table=agreements):
 * the same agreements as the list (GET /api/alliance/figures/agreements) for the same query, for
 * every caller, in both CSV dialects and as XLSX.
 */
describe.each(DIALECTS)('export of the agreements drill-down on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  const at = '2021-01-01';
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    lpr = await ctx.as('lpr');
    await clearAlliance(ctx.db);
    const { annaberg: A, aue: B, dresdenCity: D, erzgebirge } = ctx.territory;
    const E = '14521160';
    await buildMunicipality(ctx.db, { ags: E, district_ags: erzgebirge, name: 'Ehrenfriedersdorf' });
    const agreement = async (municipalities: string[], signedOn: string, title: string) => {
      const res = await lpr.post('/api/alliance/agreements', { municipalities, signedOn, title });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    ids.joint = await agreement([A, B], '2020-01-01', 'Gemeinsame Vereinbarung; Erzgebirge');
    ids.dresden = await agreement([D], '2020-06-01', 'Vereinbarung Dresden');
    ids.ehrenfriedersdorf = await agreement([E], '2020-03-01', 'Vereinbarung "Ehrenfriedersdorf"');
    // Only the Ehrenfriedersdorf agreement has its signed document stored.
    const pdf = multipartFile('vertrag.pdf', SAMPLE_PDF, 'application/pdf');
    const doc = await lpr.post(`/api/documents?ownerType=alliance_agreement&ownerId=${ids.ehrenfriedersdorf}`, pdf.payload, {
      headers: pdf.headers,
    });
    expect(doc.statusCode, doc.body).toBe(201);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  interface Row {
    id: number;
    title: string;
    parties: string;
  }
  type ListItem = { id: number; title: string; parties: { name: string }[] };

  const list = async (client: Client, query: string): Promise<Row[]> => {
    const res = await client.get(`/api/alliance/figures/agreements?at=${at}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(body.total);
    return body.items.map((a: ListItem) => ({ id: a.id, title: a.title, parties: a.parties.map((p) => p.name).join(', ') }));
  };

  /** The export's rows by their columns "Nr.", "Titel" and "Vertragspartner". */
  const fromTable = (table: unknown[][]): Row[] => {
    const [header, ...rows] = table;
    const col = (name: string) => {
      const i = (header as unknown[]).indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    const [id, title, parties] = [col('Nr.'), col('Titel'), col('Vertragspartner')];
    return rows.map((r) => ({ id: Number(r[id]), title: String(r[title]), parties: String(r[parties]) }));
  };

  const exported = async (client: Client, query: string) => {
    const url = `/api/alliance/export?table=agreements&at=${at}&${query.replace('figure=', 'agreementFigure=')}`;
    const excel = await client.get(`${url}&format=csv`);
    expect(excel.statusCode, excel.body).toBe(200);
    expect(excel.headers['content-type']).toContain('text/csv');
    expect(excel.body.charCodeAt(0)).toBe(0xfeff);
    const rfc = await client.get(`${url}&format=csv&dialect=rfc4180`);
    expect(rfc.statusCode, rfc.body).toBe(200);
    expect(rfc.body.charCodeAt(0)).not.toBe(0xfeff);
    const xlsx = await client.get(`${url}&format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    const book = await readXlsxFile(xlsx.rawPayload);
    expect(book.map((s) => s.sheet)).toEqual(['Vereinbarungen']);
    return {
      excel: fromTable(parse(excel.body, { bom: true, delimiter: ';' })),
      rfc: fromTable(parse(rfc.body, { delimiter: ',' })),
      xlsx: fromTable(book[0]!.data as unknown[][]),
    };
  };

  const expectSameRows = async (client: Client, query: string, expectedIds: number[]) => {
    const rows = await list(client, query);
    expect(
      rows.map((r) => r.id),
      query,
    ).toEqual(expectedIds);
    const files = await exported(client, query);
    expect(files.excel, `excel-de ${query}`).toEqual(rows);
    expect(files.rfc, `rfc4180 ${query}`).toEqual(rows);
    expect(files.xlsx, `xlsx ${query}`).toEqual(rows);
  };

  it('exports exactly the rows of the list, statewide, by area and without a document', async () => {
    await expectSameRows(lpr, 'figure=agreementsInForce', [ids.joint!, ids.ehrenfriedersdorf!, ids.dresden!]);
    await expectSameRows(lpr, 'figure=agreementsSigned', [ids.joint!, ids.ehrenfriedersdorf!, ids.dresden!]);
    await expectSameRows(lpr, `figure=agreementsInForce&district=${ctx.territory.erzgebirge}`, [ids.joint!, ids.ehrenfriedersdorf!]);
    await expectSameRows(lpr, `figure=agreementsInForce&directorateId=${ctx.territory.dresdenDirectorate}`, [ids.dresden!]);
    await expectSameRows(lpr, 'figure=agreementsInForce&withoutDocument=true', [ids.joint!, ids.dresden!]);
    await expectSameRows(lpr, `figure=agreementsInForce&withoutDocument=true&district=${ctx.territory.erzgebirge}`, [ids.joint!]);
    // The joint agreement is one row, its parties in the area joined by name.
    const joint = (await list(lpr, 'figure=agreementsInForce')).find((r) => r.id === ids.joint)!;
    expect(joint.parties).toMatch(/Annaberg.*, Aue/);
  });

  it('gives a caller outside the area what the list gives them, and nobody without a session anything', async () => {
    const coordinator = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    const police = await ctx.as('police', { directorateId: ctx.territory.chemnitzDirectorate });
    const ministry = await ctx.as('ministry');
    for (const client of [coordinator, police, ministry]) {
      const rows = await list(client, `figure=agreementsInForce&district=${ctx.territory.erzgebirge}`);
      await expectSameRows(
        client,
        `figure=agreementsInForce&district=${ctx.territory.erzgebirge}`,
        rows.map((r) => r.id),
      );
      await expectSameRows(client, 'figure=agreementsInForce&withoutDocument=true', [ids.joint!, ids.dresden!]);
    }
    expect((await ctx.anonymous.get(`/api/alliance/figures/agreements?figure=agreementsInForce`)).statusCode).toBe(401);
    expect((await ctx.anonymous.get('/api/alliance/export?table=agreements&agreementFigure=agreementsInForce')).statusCode).toBe(401);
  });

  it('asks for the figure, and refuses one that is no agreement figure', async () => {
    const missing = await lpr.get('/api/alliance/export?table=agreements&format=csv');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'agreementFigure', code: 'required' });
    const wrong = await lpr.get('/api/alliance/export?table=agreements&agreementFigure=advised');
    expect(wrong.statusCode).toBe(400);
  });
});
