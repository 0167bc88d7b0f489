// /accept-invitation/$invitationId: the page an invitation link opens. Shows which organization invites the signed-in
// user and with which role; joining makes it their active organization.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { authClient } from '@/lib/auth-client';
import { unwrap } from './api-keys';

export function AcceptInvitationPage() {
  const { invitationId } = useParams({ strict: false }) as { invitationId: string };
  const client = useQueryClient();
  const navigate = useNavigate();
  const invitation = useQuery({
    queryKey: ['invitation', invitationId],
    queryFn: () => unwrap(authClient.organization.getInvitation({ query: { id: invitationId } })),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: async () => {
      const joined = await unwrap(authClient.organization.acceptInvitation({ invitationId }));
      await unwrap(authClient.organization.setActive({ organizationId: joined.invitation.organizationId }));
    },
    onSuccess: async () => {
      await client.invalidateQueries();
      navigate({ to: '/workspace' });
    },
  });
  return (
    <main className="mx-auto grid max-w-lg gap-6 p-4 sm:p-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Join an organization</h1>
          </CardTitle>
          {invitation.data && (
            <CardDescription>
              {invitation.data.inviterEmail} invites you to <strong>{invitation.data.organizationName}</strong> as{' '}
              <strong>{invitation.data.role}</strong>.
            </CardDescription>
          )}
        </CardHeader>
        <CardContent className="grid gap-4">
          {invitation.isPending ? (
            <Spinner />
          ) : invitation.error ? (
            <ErrorNotice error="This invitation is not for this account, has expired or was cancelled." />
          ) : (
            <Button onClick={() => accept.mutate()} disabled={accept.isPending}>
              {accept.isPending ? 'Joining…' : `Join ${invitation.data.organizationName}`}
            </Button>
          )}
          {accept.error && <ErrorNotice error={accept.error} />}
        </CardContent>
      </Card>
    </main>
  );
}
