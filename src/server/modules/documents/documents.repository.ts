import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { DocumentsTable } from './documents.tables.ts';

const metadata = [
  'documents.id',
  'documents.owner_type',
  'documents.owner_id',
  'documents.kind',
  'documents.file_name',
  'documents.content_type',
  'documents.size_bytes',
  'documents.sha256',
  'documents.uploaded_at',
  'documents.uploaded_by',
] as const;

function selectMetadata(db: DbOrTrx) {
  return db
    .selectFrom('documents')
    .leftJoin('users', 'users.id', 'documents.uploaded_by')
    .select([...metadata, 'users.display_name as uploader_name']);
}

/** Metadata (never the content) of the documents of the given owners, oldest first. */
export async function listDocumentsOfOwners(db: DbOrTrx, ownerType: string, ownerIds: readonly number[]) {
  if (ownerIds.length === 0) return [];
  return selectMetadata(db)
    .where('documents.owner_type', '=', ownerType)
    .where('documents.owner_id', 'in', [...ownerIds])
    .orderBy('documents.id')
    .execute();
}
export type DocumentRow = Awaited<ReturnType<typeof listDocumentsOfOwners>>[number];

/** Metadata of one document. */
export async function findDocument(db: DbOrTrx, id: number): Promise<DocumentRow | undefined> {
  return selectMetadata(db).where('documents.id', '=', id).executeTakeFirst();
}

/** One document with its content. */
export async function findDocumentContent(db: DbOrTrx, id: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'owner_type', 'owner_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertDocument(db: DbOrTrx, row: Insertable<DocumentsTable>): Promise<number> {
  const { id } = await db.insertInto('documents').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function deleteDocument(db: DbOrTrx, id: number): Promise<boolean> {
  const r = await db.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The file names of all documents, a page at a time (for the erasure of a person named in them). */
export async function listDocumentNames(db: DbOrTrx, afterId: number, limit: number) {
  return db.selectFrom('documents').select(['id', 'file_name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listDocumentIdsOfOwner(db: DbOrTrx, ownerType: string, ownerId: number): Promise<number[]> {
  return (
    await db
      .selectFrom('documents')
      .select('id')
      .where('owner_type', '=', ownerType)
      .where('owner_id', '=', ownerId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
}

export async function renameDocument(db: DbOrTrx, id: number, fileName: string): Promise<void> {
  await db.updateTable('documents').set({ file_name: fileName }).where('id', '=', id).execute();
}
