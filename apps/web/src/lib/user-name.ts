// Who a user id of the active organization is, for "saved by …" lines: "you", a member by name (else email), or
// undefined for an id that is no longer a member's (or is not a user's at all, such as an API key's).
import { authClient } from './auth-client';

export function useUserName(): (userId: string | null | undefined) => string | undefined {
  const { data: session } = authClient.useSession();
  const { data: org } = authClient.useActiveOrganization();
  return (userId) => {
    if (!userId) return undefined;
    if (userId === session?.user.id) return 'you';
    const member = org?.members.find((m) => m.userId === userId);
    return member ? member.user.name || member.user.email : undefined;
  };
}
