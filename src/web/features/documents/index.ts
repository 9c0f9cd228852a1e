/* Stored documents, as other features use them: the list with download links and removal, the upload form and its file field, and the hooks. */
export { documentContentUrl, useDeleteDocument, useDocuments, useUploadDocument } from './api.ts';
export { DocumentList } from './components/document-list.tsx';
export { DocumentFileField, DocumentUpload, uploadErrorReport, useDocumentFileCheck } from './components/document-upload.tsx';
