/*
 * The public entry of the documents module: other modules import documents only from here.
 * An owner module registers its records' access checks (`registerDocumentOwner`), lists the
 * documents of its records for its own answers, and removes them with the record.
 */
export { type DocumentOwner, registerDocumentOwner } from './documents.policy.ts';
export { documentsRoutes } from './documents.routes.ts';
export { deleteDocumentsOfOwner, eraseDocumentsOfPerson, listDocumentsOfOwners } from './documents.service.ts';
