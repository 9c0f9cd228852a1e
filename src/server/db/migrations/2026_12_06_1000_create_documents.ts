import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * One table for every stored document. Until now the signed agreements (alliance_documents), the
 * councils' rules of procedure (council_documents) and the documents of projects and proofs of use
 * (funding_documents) each had their own table. Their rows move here, in that order, and keep the
 * id they had in their table as `legacy_id` (with the owner, it names the old address of the file).
 * A document belongs to one record of another module (`owner_type`, `owner_id`); there is no
 * foreign key, as the owners live in several tables. The content stays in the database, so that a
 * backup of the database is a backup of everything.
 *
 * `down` recreates the three tables with their old ids. Documents that did not exist before
 * (those of people, and any other owner the old tables had no place for) cannot go back and are lost.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('legacy_id', 'integer')
    .execute();
  await db.schema.createIndex('documents_owner_idx').on('documents').columns(['owner_type', 'owner_id']).execute();

  const columns = [
    'owner_type',
    'owner_id',
    'kind',
    'file_name',
    'content_type',
    'size_bytes',
    'sha256',
    'content',
    'uploaded_by',
    'uploaded_at',
    'legacy_id',
  ] as const;
  const file = ['file_name', 'content_type', 'size_bytes', 'sha256', 'content', 'uploaded_by', 'uploaded_at'] as const;
  await db
    .insertInto('documents')
    .columns(columns)
    .expression(
      db
        .selectFrom('alliance_documents')
        .select([
          sql.lit('alliance_agreement').as('owner_type'),
          'agreement_id as owner_id',
          sql.lit('signed_agreement').as('kind'),
          ...file,
          'id as legacy_id',
        ])
        .orderBy('id'),
    )
    .execute();
  await db
    .insertInto('documents')
    .columns(columns)
    .expression(
      db
        .selectFrom('council_documents')
        .select([sql.lit('council').as('owner_type'), 'council_id as owner_id', 'kind', ...file, 'id as legacy_id'])
        .orderBy('id'),
    )
    .execute();
  // A proof of use's documents belong to its application, every other one to the project.
  await db
    .insertInto('documents')
    .columns(columns)
    .expression(
      db
        .selectFrom('funding_documents')
        .select([
          sql<string>`case when application_id is null then 'funding_project' else 'funding_application' end`.as('owner_type'),
          sql<number>`coalesce(application_id, project_id)`.as('owner_id'),
          'kind',
          ...file,
          'id as legacy_id',
        ])
        .orderBy('id'),
    )
    .execute();

  for (const t of ['alliance_documents', 'council_documents', 'funding_documents']) await db.schema.dropTable(t).execute();
}

/** Inserts the rows with their old ids first, then the newer ones with fresh ids after them. */
async function moveBack(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const known = rows.filter((r) => r.legacy_id !== null);
  const fresh = rows.filter((r) => r.legacy_id === null);
  for (const { legacy_id: id, ...r } of known)
    await db
      .insertInto(table)
      .values({ id, ...r })
      .execute();
  if (isPostgres(db)) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
  for (const { legacy_id: _id, ...r } of fresh) await db.insertInto(table).values(r).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  const fileColumns = <T extends string>(t: CreateTableBuilder<T, any>) =>
    t
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', blob, (c) => c.notNull())
      .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('uploaded_at', 'text', (c) => c.notNull());

  await db.schema
    .createTable('alliance_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('alliance_agreements.id'))
    .$call(fileColumns)
    .execute();
  await db.schema.createIndex('alliance_documents_agreement_idx').on('alliance_documents').column('agreement_id').execute();
  await db.schema
    .createTable('council_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .$call(fileColumns)
    .execute();
  await db.schema.createIndex('council_documents_council_idx').on('council_documents').column('council_id').execute();
  await db.schema
    .createTable('funding_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('funding_projects.id'))
    .addColumn('application_id', 'integer', (c) => c.references('funding_applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('project'))
    .$call(fileColumns)
    .execute();
  await db.schema.createIndex('funding_documents_project_idx').on('funding_documents').column('project_id').execute();

  const file = [
    'documents.file_name',
    'documents.content_type',
    'documents.size_bytes',
    'documents.sha256',
    'documents.content',
    'documents.uploaded_by',
    'documents.uploaded_at',
    'documents.legacy_id',
  ] as const;
  await moveBack(
    db,
    'alliance_documents',
    await db
      .selectFrom('documents')
      .where('owner_type', '=', 'alliance_agreement')
      .select(['owner_id as agreement_id', ...file])
      .orderBy('documents.id')
      .execute(),
  );
  await moveBack(
    db,
    'council_documents',
    await db
      .selectFrom('documents')
      .where('owner_type', '=', 'council')
      .select(['owner_id as council_id', 'kind', ...file])
      .orderBy('documents.id')
      .execute(),
  );
  const projectRows = await db
    .selectFrom('documents')
    .where('owner_type', '=', 'funding_project')
    .select(['owner_id as project_id', sql<null>`null`.as('application_id'), 'kind', ...file])
    .execute();
  const proofRows = await db
    .selectFrom('documents')
    .innerJoin('funding_applications', 'funding_applications.id', 'documents.owner_id')
    .where('documents.owner_type', '=', 'funding_application')
    .select(['funding_applications.project_id', 'documents.owner_id as application_id', 'documents.kind', ...file])
    .execute();
  await moveBack(db, 'funding_documents', [...projectRows, ...proofRows]);

  await db.schema.dropTable('documents').execute();
}
