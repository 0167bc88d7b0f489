// The organization's API keys through Better Auth's client: the list query (shared by Settings and the audit log's
// actor names) and the unwrap of the client's `{ data, error }` answers into thrown errors.
import { queryOptions } from '@tanstack/react-query';
import { authClient } from '@/lib/auth-client';

/** Better Auth client calls answer `{ data, error }`; queries want a thrown error. */
export async function unwrap<T>(
  call: Promise<{ data: T | null; error: { message?: string; status?: number } | null }>,
): Promise<T> {
  const { data, error } = await call;
  if (error || data === null) throw new Error(error?.message ?? 'Request failed');
  return data;
}

export const apiKeysQuery = (organizationId: string | undefined) =>
  queryOptions({
    queryKey: ['api-keys', organizationId],
    queryFn: async () => (await unwrap(authClient.apiKey.list({ query: { organizationId } }))).apiKeys,
    enabled: Boolean(organizationId),
  });
