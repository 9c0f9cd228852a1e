/* Stored documents, as other features use them: the list with download links and removal, and the upload hooks. */
export { documentContentUrl, useDeleteDocument, useDocuments, useUploadDocument } from './api.ts';
export { DocumentList } from './components/document-list.tsx';
