/*
 * The public entry of the documents module: other modules import documents only from here.
 * An owner module registers its records' access checks (`registerDocumentOwner`), lists the
 * documents of its records for its own answers, and erases a person's documents with the person.
 * No owner record is ever deleted (a person is anonymised), so documents are never left without one.
 */
export { type DocumentOwner, registerDocumentOwner } from './documents.policy.ts';
export { documentsRoutes } from './documents.routes.ts';
export { eraseDocumentsOfPerson, listDocumentsOfOwners } from './documents.service.ts';
