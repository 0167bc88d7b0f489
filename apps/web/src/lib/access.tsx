// What the signed-in user may do in the active organization (GET /api/me): the UI shows only the actions their role
// allows — the API refuses the rest with a 403 anyway.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { get } from './api';

export type Capability = 'read' | 'run' | 'manage' | 'own';

export interface Me {
  organizationId: string;
  kind: 'user' | 'apiKey';
  user: { id: string; email: string; name: string } | null;
  role: string | null;
  scopes: string[] | null;
  capabilities: Capability[];
}

export const meQuery = queryOptions({ queryKey: ['me'], queryFn: () => get<Me>('/api/me'), staleTime: 60_000 });

/** Whether the user may do `capability`; false until it is known. */
export function useCan(capability: Capability): boolean {
  const { data } = useQuery(meQuery);
  return data?.capabilities.includes(capability) ?? false;
}

/** The user's role in the active organization, once known. */
export function useRole(): string | undefined {
  return useQuery(meQuery).data?.role ?? undefined;
}

/** Renders `children` only for a user who may do `need`; otherwise `fallback`. */
export function Can({
  need,
  children,
  fallback = null,
}: {
  need: Capability;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return useCan(need) ? children : fallback;
}

const roleFor: Record<Capability, string> = { read: 'viewer', run: 'member', manage: 'admin', own: 'owner' };

/** A quiet line saying why an action is not offered. */
export function RoleNote({ need, children }: { need: Capability; children?: ReactNode }) {
  const role = useRole();
  if (useCan(need) || !role) return null;
  return (
    <p className="text-muted-foreground text-sm" role="note">
      {children ?? 'You can see this but not change it'}: your role here is {role}; this needs the {roleFor[need]} role
      or higher.
    </p>
  );
}
