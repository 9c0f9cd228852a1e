import { routeRules } from '../../auth/access.ts';
import type { DocumentFormat, DocumentOwnerType } from '../../../shared/documents.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';

/*
 * Who may do what with stored documents: `policies.documents` of `shared/policies.ts` admits the
 * roles that may hold documents of some record. Which documents one principal may read, add or
 * remove follows the owner record: each owner module registers its checks here
 * (`registerDocumentOwner`), so this module needs to know none of them.
 */
export const documentsPolicy = routeRules('documents');

/** What an owner module tells the documents module about its records. */
export interface DocumentOwner {
  type: DocumentOwnerType;
  /** What the owner is called in messages, e.g. { de: 'Kooperationsvereinbarung', en: 'cooperation agreement' }. */
  label: { de: string; en: string };
  /** Throws 404 when the record does not exist, 403 when the principal may not see it. */
  assertReadable(db: DbOrTrx, principal: Principal, ownerId: number): Promise<void>;
  /** Throws like `assertReadable`, and also when the principal may not change the record's documents. */
  assertWritable(db: DbOrTrx, principal: Principal, ownerId: number): Promise<void>;
  /** The kinds of document the owner takes; the first is the default. */
  kinds: readonly [string, ...string[]];
  /** The formats the owner takes (default: every format the documents module accepts). */
  formats?: readonly DocumentFormat[];
}

const owners = new Map<DocumentOwnerType, DocumentOwner>();

/** Makes documents of an owner type available; the owner module calls this once when its routes register. */
export function registerDocumentOwner(owner: DocumentOwner): void {
  owners.set(owner.type, owner);
}

/** The registered owner of a type (404 when no module registered it). */
export function documentOwner(type: DocumentOwnerType): DocumentOwner {
  const owner = owners.get(type);
  if (!owner) throw notFound({ de: `Zu „${type}“ werden keine Dokumente geführt.`, en: `No documents are kept for "${type}".` });
  return owner;
}
