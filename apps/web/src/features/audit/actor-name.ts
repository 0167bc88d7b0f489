// Who an audit row's actor is, in words: you, a member by name, an API key by name, or the system part that acted.
import { useQuery } from '@tanstack/react-query';
import { authClient } from '@/lib/auth-client';
import type { AuditEntry } from '@/lib/types';
import { apiKeysQuery } from '../settings/api-keys';

export function useActorName(organizationId: string | undefined) {
  const { data: session } = authClient.useSession();
  const { data: org } = authClient.useActiveOrganization();
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
    if (entry.actorId === session?.user.id) return 'you';
    const member = org?.members.find((m) => m.userId === entry.actorId);
    return member ? member.user.name || member.user.email : 'a former member';
  };
}
