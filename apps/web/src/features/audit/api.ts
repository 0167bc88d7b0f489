// The audit log for the UI: pages of GET /api/audit-logs, newest first, following the API's cursor.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { get, qs } from '@/lib/api';
import type { AuditEntry } from '@/lib/types';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorType?: string;
  /** UTC days, inclusive. */
  from?: string;
  to?: string;
}

const PAGE = 50;

export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit-logs', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<{ auditLogs: AuditEntry[]; nextCursor: string | null }>(
        `/api/audit-logs${qs({
          ...filters,
          // The last day counts whole.
          to: filters.to ? `${filters.to}T23:59:59.999Z` : undefined,
          limit: PAGE,
          cursor: pageParam,
        })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
