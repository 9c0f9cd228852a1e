import { zipSync } from 'fflate';
import { type Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrateToLatest } from '../../db/migrate.ts';
import { type Client, createTestContext, DIALECTS, type TestContext } from '../../test/harness.ts';
import { multipartFile, SAMPLE_PDF } from '../alliance/test-support.ts';
import { createPerson, foundCouncil } from '../councils/test-support.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
/** A legacy Excel file as far as its first bytes go: an OLE compound file (D0 CF 11 E0 A1 B1 1A E1). */
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
/** A minimal OOXML word document: content types and the word folder are what identify it. */
const DOCX = Buffer.from(
  zipSync({
    '[Content_Types].xml': Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    'word/document.xml': Buffer.from(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
    ),
  }),
);

describe.each(DIALECTS)('stored documents on %s', (dialect) => {
  let ctx: TestContext;
  let lpr: Client;
  let admin: Client;
  let coordinator: Client; // Annaberg-Buchholz
  let A: string;
  let council: { id: number }; // the council of Annaberg-Buchholz (one per municipality)

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    A = ctx.territory.annaberg;
    lpr = await ctx.as('lpr');
    admin = await ctx.as('admin');
    coordinator = await ctx.as('coordinator', { communes: [A] });
    council = await foundCouncil(coordinator, [A]);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const createProject = async (client = coordinator, ags = A) => {
    const res = await client.post('/api/projects', { ags, title: 'Sichere Schulwege', fieldIds: [] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  };
  const upload = (client: Client, query: string, fileName: string, content: Buffer, type = 'application/octet-stream') => {
    const f = multipartFile(fileName, content, type);
    return client.post(`/api/documents?${query}`, f.payload, { headers: f.headers });
  };
  const countDocuments = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('documents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('uploads, lists, downloads and deletes a document, each change audited', async () => {
    const p = await createProject();
    const res = await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Konzept.pdf', SAMPLE_PDF, 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      ownerType: 'funding_project',
      ownerId: p.id,
      kind: 'project',
      fileName: 'Konzept.pdf',
      contentType: 'application/pdf',
      size: SAMPLE_PDF.length,
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);

    const list = await coordinator.get(`/api/documents?ownerType=funding_project&ownerId=${p.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((d: { id: number }) => d.id)).toEqual([doc.id]);
    expect((await coordinator.get(`/api/projects/${p.id}`)).json().documents.map((d: { id: number }) => d.id)).toEqual([doc.id]);

    const got = await coordinator.get(`/api/documents/${doc.id}/content`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(String(got.headers['content-disposition'])).toContain('attachment');
    expect(got.rawPayload.equals(SAMPLE_PDF)).toBe(true);

    const del = await coordinator.delete(`/api/documents/${doc.id}`);
    expect(del.statusCode).toBe(204);
    expect((await coordinator.get(`/api/documents/${doc.id}/content`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/documents?ownerType=funding_project&ownerId=${p.id}`)).json()).toEqual([]);
    const audit = (await admin.get(`/api/audit?entityType=document&entityId=${doc.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['delete', 'upload']);
  });

  it('accepts office documents and images recognised from their bytes', async () => {
    const p = await createProject();
    const docx = await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Bericht.docx', DOCX);
    expect(docx.statusCode, docx.body).toBe(201);
    expect(docx.json().contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xls = await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Kosten.xls', OLE, 'application/vnd.ms-excel');
    expect(xls.statusCode, xls.body).toBe(201);
    expect(xls.json().contentType).toBe('application/vnd.ms-excel');
    // A name without a known extension gets the one of its content.
    const png = await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Lageplan', PNG, 'image/png');
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ fileName: 'Lageplan.png', contentType: 'image/png' });
  });

  it('refuses what is too large, not allowed, or not what it claims to be, in German and English, and stores nothing', async () => {
    const p = await createProject();
    const q = `ownerType=funding_project&ownerId=${p.id}`;
    const before = await countDocuments();

    const big = await upload(coordinator, q, 'gross.pdf', Buffer.concat([SAMPLE_PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0]).toMatchObject({ field: 'file', code: 'too_big' });

    const exe = await upload(coordinator, q, 'setup.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200)]), 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().errors[0]).toMatchObject({ field: 'file', code: 'content_type' });
    expect(exe.json().detail).toContain('Erlaubt sind PDF');
    const exeEn = multipartFile('setup.pdf', Buffer.from('plain text, not a document'), 'text/plain');
    const en = await coordinator.post(`/api/documents?${q}`, exeEn.payload, { headers: { ...exeEn.headers, 'accept-language': 'en' } });
    expect(en.statusCode).toBe(415);
    expect(en.json().detail).toContain('Allowed are PDF');

    // Bytes that contradict the declared name or type.
    const pngAsPdf = await upload(coordinator, q, 'bericht.pdf', PNG);
    expect(pngAsPdf.statusCode).toBe(415);
    expect(pngAsPdf.json().errors[0]).toMatchObject({ field: 'file', code: 'content_mismatch' });
    const pdfAsPng = await upload(coordinator, q, 'Konzept', SAMPLE_PDF, 'image/png');
    expect(pdfAsPng.statusCode).toBe(415);
    expect(pdfAsPng.json().errors[0].code).toBe('content_mismatch');
    // An OLE file that says neither doc nor xls (it could be an installer).
    const ole = await upload(coordinator, q, 'paket.msi', OLE);
    expect(ole.statusCode).toBe(415);

    const empty = await upload(coordinator, q, 'leer.pdf', Buffer.alloc(0), 'application/pdf');
    expect(empty.statusCode).toBe(400);
    const json = await coordinator.post(`/api/documents?${q}`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const unknownOwner = await upload(coordinator, 'ownerType=funding_project&ownerId=999999', 'a.pdf', SAMPLE_PDF);
    expect(unknownOwner.statusCode).toBe(404);
    const badKind = await upload(coordinator, `${q}&kind=rules_of_procedure`, 'a.pdf', SAMPLE_PDF);
    expect(badKind.statusCode).toBe(400);
    expect(await countDocuments()).toBe(before);
  });

  it('lets each owner decide: agreements and councils take PDF only, and only those who may change the record upload', async () => {
    const k = (await lpr.post('/api/alliance/agreements', { municipalities: [A], signedOn: '2020-01-01' })).json();
    const q = `ownerType=alliance_agreement&ownerId=${k.id}`;
    const png = await upload(lpr, q, 'scan.png', PNG);
    expect(png.statusCode).toBe(415);
    expect(png.json().errors[0].code).toBe('format_not_accepted');
    // Coordinators read agreements of their communes but do not record them.
    expect((await upload(coordinator, q, 'Vertrag.pdf', SAMPLE_PDF)).statusCode).toBe(403);
    const ok = await upload(lpr, q, 'Kooperationsvereinbarung Annaberg.pdf', SAMPLE_PDF, 'application/pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().kind).toBe('signed_agreement');
    expect((await coordinator.get(`/api/alliance/agreements/${k.id}`)).json().documents.map((d: { id: number }) => d.id)).toEqual([
      ok.json().id,
    ]);

    const rules = await upload(coordinator, `ownerType=council&ownerId=${council.id}`, 'Geschäftsordnung.pdf', SAMPLE_PDF);
    expect(rules.statusCode, rules.body).toBe(201);
    expect(rules.json().kind).toBe('rules_of_procedure');
    expect((await coordinator.get(`/api/councils/${council.id}`)).json().documents[0].fileName).toBe('Geschäftsordnung.pdf');
  });

  it("follows the owner's scope: a coordinator cannot read or remove another municipality's document", async () => {
    const p = await createProject();
    const doc = (await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Konzept.pdf', SAMPLE_PDF)).json();
    const dresden = await ctx.as('coordinator', { communes: [ctx.territory.dresdenCity] });
    expect((await dresden.get(`/api/documents/${doc.id}/content`)).statusCode).toBe(403);
    expect((await dresden.get(`/api/documents?ownerType=funding_project&ownerId=${p.id}`)).statusCode).toBe(403);
    expect((await dresden.delete(`/api/documents/${doc.id}`)).statusCode).toBe(403);
    expect((await upload(dresden, `ownerType=funding_project&ownerId=${p.id}`, 'b.pdf', SAMPLE_PDF)).statusCode).toBe(403);
    // Police of the directorate read project documents, but not the ministry, nor anyone without a session.
    expect((await (await ctx.as('police')).get(`/api/documents/${doc.id}/content`)).statusCode).toBe(200);
    expect(
      (await (await ctx.as('police', { directorateId: ctx.territory.dresdenDirectorate })).get(`/api/documents/${doc.id}/content`))
        .statusCode,
    ).toBe(403);
    expect((await (await ctx.as('ministry')).get(`/api/documents/${doc.id}/content`)).statusCode).toBe(403);
    expect((await ctx.anonymous.get(`/api/documents/${doc.id}/content`)).statusCode).toBe(401);
    expect((await coordinator.get('/api/documents/999999/content')).statusCode).toBe(404);
  });

  it("removes a person's documents and the person's name from other document names when the person is erased", async () => {
    const person = await createPerson(coordinator, A, { firstName: 'Ottilie', lastName: 'Zwirbelmeier', email: 'ottilie@zwirbel.example' });
    const consent = await upload(coordinator, `ownerType=person&ownerId=${person.id}&kind=consent`, 'Einwilligung.pdf', SAMPLE_PDF);
    expect(consent.statusCode, consent.body).toBe(201);
    expect((await coordinator.get(`/api/documents?ownerType=person&ownerId=${person.id}`)).json()).toHaveLength(1);
    // The people register is closed to police.
    expect((await (await ctx.as('police')).get(`/api/documents/${consent.json().id}/content`)).statusCode).toBe(403);
    const named = await upload(
      coordinator,
      `ownerType=council&ownerId=${council.id}`,
      'Geschäftsordnung Ottilie Zwirbelmeier.pdf',
      SAMPLE_PDF,
    );
    expect(named.statusCode).toBe(201);

    const current = (await coordinator.get(`/api/people/${person.id}`)).json();
    const erased = await coordinator.post(`/api/people/${person.id}/erase`, {
      version: current.version,
      reason: 'Antrag nach Art. 17 DSGVO',
    });
    expect(erased.statusCode, erased.body).toBe(200);

    expect(
      await ctx.db.selectFrom('documents').select('id').where('owner_type', '=', 'person').where('owner_id', '=', person.id).execute(),
    ).toEqual([]);
    expect((await coordinator.get(`/api/documents/${consent.json().id}/content`)).statusCode).toBe(404);
    const renamed = await ctx.db.selectFrom('documents').select('file_name').where('id', '=', named.json().id).executeTakeFirstOrThrow();
    expect(renamed.file_name).toBe('Geschäftsordnung [gelöscht].pdf');
    const names = (await ctx.db.selectFrom('documents').select('file_name').execute()).map((r) => r.file_name).join('\n');
    expect(names).not.toContain('Zwirbelmeier');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('entity_type', '=', 'document')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('Zwirbelmeier');
    // An erased person takes no new documents.
    expect((await upload(coordinator, `ownerType=person&ownerId=${person.id}`, 'x.pdf', SAMPLE_PDF)).statusCode).toBe(422);
  });

  it('keeps the documents uploaded before the tables were merged reachable, and moves them back and forth', async () => {
    // A second agreement for A beside the one of the test above: recorded as an additional agreement (decision 005).
    const created = await lpr.post('/api/alliance/agreements', { municipalities: [A], signedOn: '2019-05-01', kind: 'additional' });
    expect(created.statusCode, created.body).toBe(201);
    const k = created.json();
    const p = await createProject();
    const kept = (await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Vor der Rückmigration.pdf', SAMPLE_PDF)).json();

    // Back to the schema before this module: the three tables of old, with the document above in its old table.
    const migrations = await loadMigrations();
    const names = Object.keys(migrations);
    const previous = names[names.indexOf('2026_12_06_1000_create_documents') - 1]!;
    const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(previous);
    expect(down.error).toBeUndefined();
    const old = ctx.db as unknown as Kysely<any>;
    expect((await old.selectFrom('funding_documents').select(['project_id', 'file_name']).execute()).map((r) => r.file_name)).toContain(
      'Vor der Rückmigration.pdf',
    );

    const at = '2024-01-15T10:00:00.000Z';
    const file = (name: string, content: Buffer, type = 'application/pdf') => ({
      file_name: name,
      content_type: type,
      size_bytes: content.length,
      sha256: 'x'.repeat(64),
      content,
      uploaded_by: null,
      uploaded_at: at,
    });
    const agreementPdf = Buffer.concat([SAMPLE_PDF, Buffer.from('% agreement')]);
    const councilPdf = Buffer.concat([SAMPLE_PDF, Buffer.from('% rules')]);
    const projectPng = PNG;
    const a = await old
      .insertInto('alliance_documents')
      .values({ agreement_id: k.id, ...file('Vereinbarung 2019.pdf', agreementPdf) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await old
      .insertInto('council_documents')
      .values({ council_id: council.id, kind: 'rules_of_procedure', ...file('GO.pdf', councilPdf) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const f = await old
      .insertInto('funding_documents')
      .values({ project_id: p.id, application_id: null, kind: 'project', ...file('Plan.png', projectPng, 'image/png') })
      .returning('id')
      .executeTakeFirstOrThrow();

    await migrateToLatest(ctx.db);
    const legacy = async (ownerType: string, legacyId: number) =>
      (
        await ctx.db
          .selectFrom('documents')
          .select(['id', 'owner_type'])
          .where('owner_type', '=', ownerType)
          .where('legacy_id', '=', legacyId)
          .executeTakeFirstOrThrow()
      ).id;
    for (const [ownerType, ownerId, legacyId, content, client] of [
      ['alliance_agreement', k.id, a.id, agreementPdf, lpr],
      ['council', council.id, c.id, councilPdf, coordinator],
      ['funding_project', p.id, f.id, projectPng, coordinator],
    ] as const) {
      const id = await legacy(ownerType, legacyId);
      const listed = (await client.get(`/api/documents?ownerType=${ownerType}&ownerId=${ownerId}`)).json() as { id: number }[];
      expect(listed.map((d) => d.id)).toContain(id);
      const got = await client.get(`/api/documents/${id}/content`);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(content)).toBe(true);
    }
    // The document that went down and up again is there, with its content.
    const again = (await coordinator.get(`/api/documents?ownerType=funding_project&ownerId=${p.id}`)).json() as {
      fileName: string;
      id: number;
      sha256: string;
    }[];
    expect(again.find((d) => d.fileName === 'Vor der Rückmigration.pdf')?.sha256).toBe(kept.sha256);
    // New uploads after the move get fresh ids.
    const fresh = await upload(coordinator, `ownerType=funding_project&ownerId=${p.id}`, 'Neu.pdf', SAMPLE_PDF);
    expect(fresh.statusCode, fresh.body).toBe(201);
  });
});
