// Knowledge-base endpoints for the UI: the bases (and whether this server has vector search), one base's documents —
// polled every second while any is queued or being ingested — the writes, a file upload with its progress, and search.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put, qs, upload } from '@/lib/api';
import type {
  KnowledgeBase,
  KnowledgeBaseInput,
  KnowledgeDocument,
  KnowledgeDocumentInput,
  KnowledgeSearch,
} from '@/lib/types';

export const knowledgeKeys = {
  all: ['knowledge'] as const,
  list: ['knowledge', 'list'] as const,
  documents: (kbId: string) => ['knowledge', 'documents', kbId] as const,
  search: (kbId: string, params: SearchParams) => ['knowledge', 'search', kbId, params] as const,
};

const POLL_MS = 1000;
const base = (kbId: string) => `/api/knowledge-bases/${encodeURIComponent(kbId)}`;
export const isIngesting = (d: Pick<KnowledgeDocument, 'status'>) => d.status === 'QUEUED' || d.status === 'PROCESSING';

export const knowledgeBasesQuery = () =>
  queryOptions({
    queryKey: knowledgeKeys.list,
    queryFn: () => get<{ knowledgeBases: KnowledgeBase[]; vectorSearch: boolean }>('/api/knowledge-bases'),
  });

export const documentsQuery = (kbId: string) =>
  queryOptions({
    queryKey: knowledgeKeys.documents(kbId),
    queryFn: () => get<{ documents: KnowledgeDocument[] }>(`${base(kbId)}/documents`).then((r) => r.documents),
    refetchInterval: (q) => (q.state.data?.some(isIngesting) ? POLL_MS : false),
  });

export interface SearchParams {
  q: string;
  k: number;
  mode: KnowledgeSearch['mode'];
  documentIds?: string;
  metadata?: string;
}
export const searchQuery = (kbId: string, params: SearchParams) =>
  queryOptions({
    queryKey: knowledgeKeys.search(kbId, params),
    queryFn: () => get<KnowledgeSearch>(`${base(kbId)}/search${qs({ ...params })}`),
    retry: false,
    staleTime: 0,
  });

export function useCreateKnowledgeBase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: KnowledgeBaseInput) => post<KnowledgeBase>('/api/knowledge-bases', input),
    onSuccess: () => client.invalidateQueries({ queryKey: knowledgeKeys.list }),
  });
}

export function useUpdateKnowledgeBase(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; description?: string | null; efSearch?: number }) =>
      put<KnowledgeBase>(base(kbId), input),
    onSuccess: () => client.invalidateQueries({ queryKey: knowledgeKeys.list }),
  });
}

export function useDeleteKnowledgeBase(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => del<{ id: string; deleted: true }>(base(kbId)),
    onSuccess: () => client.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}

/** The documents and the bases' counts refetch: after a write, and when an ingest finished. */
export const refreshDocuments = (client: ReturnType<typeof useQueryClient>, kbId: string) =>
  Promise.all([
    client.invalidateQueries({ queryKey: knowledgeKeys.documents(kbId) }),
    client.invalidateQueries({ queryKey: knowledgeKeys.list }),
  ]);

/** Adds a document as JSON: its text with a format, or a URL the server fetches. */
export function useAddDocument(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: KnowledgeDocumentInput) => post<KnowledgeDocument>(`${base(kbId)}/documents`, input),
    onSuccess: () => refreshDocuments(client, kbId),
  });
}

export interface UploadInput {
  file: File;
  title?: string;
  /** A JSON object, as typed. */
  metadata?: string;
  onProgress: (sent: number) => void;
}

/** Uploads a file (multipart), reporting the share sent; the ingest's own progress then comes from the poll. */
export function useUploadDocument(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, title, metadata, onProgress }: UploadInput) => {
      const form = new FormData();
      form.append('file', file);
      if (title) form.append('title', title);
      if (metadata) form.append('metadata', metadata);
      return upload<KnowledgeDocument>(`${base(kbId)}/documents`, form, onProgress);
    },
    onSuccess: () => refreshDocuments(client, kbId),
  });
}

export function useReingestDocument(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (docId: string) =>
      post<KnowledgeDocument>(`${base(kbId)}/documents/${encodeURIComponent(docId)}/reingest`),
    onSuccess: () => refreshDocuments(client, kbId),
  });
}

export function useDeleteDocument(kbId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (docId: string) =>
      del<{ id: string; deleted: true }>(`${base(kbId)}/documents/${encodeURIComponent(docId)}`),
    onSuccess: () => refreshDocuments(client, kbId),
  });
}
