// A knowledge base's documents: title and source, ingest status with its progress (polled while any is queued or
// being ingested), passages, size, the error of a failed ingest, and — for admins — re-ingest and delete.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ExternalLink, RotateCw } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Progress } from '@/components/ui/progress';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Can } from '@/lib/access';
import type { KnowledgeDocument } from '@/lib/types';
import { formatNumber, timeAgo } from '@/lib/utils';
import { documentsQuery, isIngesting, refreshDocuments, useDeleteDocument, useReingestDocument } from './api';

const statusVariant = {
  QUEUED: 'secondary',
  PROCESSING: 'warning',
  READY: 'default',
  FAILED: 'destructive',
} as const;

const sourceLabel: Record<KnowledgeDocument['sourceType'], string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  url: 'URL',
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function DocumentStatus({ doc }: { doc: KnowledgeDocument }) {
  return (
    <div className="grid min-w-32 gap-1">
      <Badge variant={statusVariant[doc.status]} className="w-fit">
        {doc.status.toLowerCase()}
      </Badge>
      {isIngesting(doc) && <Progress value={doc.progress} label={`Ingest of ${doc.title}`} />}
    </div>
  );
}

function DocumentRow({ kbId, doc }: { kbId: string; doc: KnowledgeDocument }) {
  const reingest = useReingestDocument(kbId);
  const remove = useDeleteDocument(kbId);
  return (
    <TR>
      <TD className="max-w-80">
        <div className="grid min-w-0 gap-0.5">
          <span className="truncate font-medium" title={doc.title}>
            {doc.title}
          </span>
          <span className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
            {sourceLabel[doc.sourceType]}
            {doc.sourceUrl && (
              <a
                href={doc.sourceUrl}
                target="_blank"
                rel="noreferrer"
                className="inline-flex min-w-0 items-center gap-1 text-primary hover:underline"
              >
                <span className="truncate">{doc.sourceUrl}</span>
                <ExternalLink className="size-3 shrink-0" aria-hidden />
              </a>
            )}
          </span>
          {doc.status === 'FAILED' && doc.error && (
            <p className="text-xs break-words text-destructive" role="note">
              {doc.error}
            </p>
          )}
        </div>
      </TD>
      <TD>
        <DocumentStatus doc={doc} />
      </TD>
      <TD className="text-right tabular-nums">{doc.status === 'READY' ? formatNumber(doc.chunkCount) : '—'}</TD>
      <TD className="text-right tabular-nums whitespace-nowrap">{doc.bytes ? formatBytes(doc.bytes) : '—'}</TD>
      <TD className="whitespace-nowrap text-muted-foreground">{timeAgo(doc.updatedAt)}</TD>
      <Can need="manage">
        <TD>
          <div className="flex justify-end">
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Re-ingest ${doc.title}`}
              title="Ingest again"
              disabled={isIngesting(doc) || reingest.isPending}
              onClick={() =>
                reingest.mutate(doc.id, {
                  onSuccess: () => toast.success(`Ingesting ${doc.title} again`),
                  onError: (e) => toast.error(e.message),
                })
              }
            >
              <RotateCw aria-hidden />
            </Button>
            <ConfirmRemove
              label={`Delete ${doc.title}`}
              title={`Delete ${doc.title}?`}
              description="Its passages leave the knowledge base at once; agents no longer find them."
              confirmLabel="Delete document"
              onConfirm={() =>
                remove.mutate(doc.id, {
                  onSuccess: () => toast.success(`Deleted ${doc.title}`),
                  onError: (e) => toast.error(e.message),
                })
              }
            />
          </div>
        </TD>
      </Can>
    </TR>
  );
}

export function DocumentsTable({ kbId }: { kbId: string }) {
  const client = useQueryClient();
  const docs = useQuery(documentsQuery(kbId));
  // When the last ingest in flight ends, the bases' counts change: refetch them once.
  const active = docs.data?.some(isIngesting) ?? false;
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) refreshDocuments(client, kbId);
    wasActive.current = active;
  }, [active, client, kbId]);

  if (docs.isPending) return <Spinner label="Loading the documents…" />;
  if (docs.error) return <ErrorNotice error={docs.error} />;
  if (!docs.data.length) return <EmptyState title="No documents yet">Add text, a web page or a file below.</EmptyState>;
  return (
    <Table aria-label="Documents">
      <THead>
        <TR>
          <TH>Document</TH>
          <TH>Status</TH>
          <TH className="text-right">Passages</TH>
          <TH className="text-right">Size</TH>
          <TH>Updated</TH>
          <Can need="manage">
            <ActionsHead />
          </Can>
        </TR>
      </THead>
      <TBody>
        {docs.data.map((d) => (
          <DocumentRow key={d.id} kbId={kbId} doc={d} />
        ))}
      </TBody>
    </Table>
  );
}
