import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { documentContentUrl, type DocumentOwnerType, type StoredDocument } from '../../../shared/documents.schema.ts';
import { apiRequest } from '../../lib/api-client.ts';

/*
 * Stored documents of any record (agreement, council, project, application, person) through the
 * one set of document routes. The owner's page passes the query key of its own record, which
 * lists the documents too, so that it refreshes after an upload or a removal.
 */

export { documentContentUrl };

const KEY = ['documents'] as const;

/** The documents of one record. */
export function useDocuments(ownerType: DocumentOwnerType, ownerId: number, enabled = true) {
  return useQuery({
    queryKey: [...KEY, ownerType, ownerId],
    queryFn: () => apiRequest<StoredDocument[]>('/api/documents', { query: { ownerType, ownerId } }),
    enabled,
  });
}

function useRefresh(refresh: QueryKey[]) {
  const qc = useQueryClient();
  return () => Promise.all([KEY, ...refresh].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

/** Uploads a file to a record (multipart, field "file"); the server checks size and content. */
export function useUploadDocument(refresh: QueryKey[] = []) {
  const done = useRefresh(refresh);
  return useMutation({
    mutationFn: (v: { ownerType: DocumentOwnerType; ownerId: number; kind?: string; file: File }) => {
      const form = new FormData();
      form.append('file', v.file, v.file.name);
      return apiRequest<StoredDocument>('/api/documents', {
        method: 'POST',
        body: form,
        query: { ownerType: v.ownerType, ownerId: v.ownerId, kind: v.kind },
      });
    },
    onSuccess: () => done(),
  });
}

/** Removes a document. */
export function useDeleteDocument(refresh: QueryKey[] = []) {
  const done = useRefresh(refresh);
  return useMutation({
    mutationFn: (documentId: number) => apiRequest<void>(`/api/documents/${documentId}`, { method: 'DELETE' }),
    onSuccess: () => done(),
  });
}
