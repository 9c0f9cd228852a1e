import type { Generated } from 'kysely';

/** One stored file of a record of another module (its owner), with size and SHA-256. */
export interface DocumentsTable {
  id: Generated<number>;
  owner_type: string;
  owner_id: number;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: string;
  /** The id the document had in its module's own table before the tables were merged. */
  legacy_id: number | null;
}

/** The tables of the documents module, by name (extended by `Database`). */
export interface DocumentTables {
  documents: DocumentsTable;
}
