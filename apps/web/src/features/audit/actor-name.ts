// Who an audit row's actor is, in words: you, a member by name, an API key by name, or the system part that acted.
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@/lib/types';
import { useUserName } from '@/lib/user-name';
import { apiKeysQuery } from '../settings/api-keys';

export function useActorName(organizationId: string | undefined) {
  const userName = useUserName();
  const keys = useQuery(apiKeysQuery(organizationId));
  return (entry: AuditEntry): string => {
    if (entry.actorType === 'system') {
      const part = (entry.metadata as { systemActor?: string } | null)?.systemActor;
      return part ? `system (${part})` : 'system';
    }
    if (entry.actorType === 'apiKey') {
      const key = (keys.data ?? []).find((k) => k.id === entry.actorId);
      return key ? `API key “${key.name ?? key.start ?? key.id}”` : 'a revoked API key';
    }
    return userName(entry.actorId) ?? 'a former member';
  };
}
