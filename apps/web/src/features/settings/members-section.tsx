// Settings › Members of the organization and their roles. Everyone sees who is in it; the owner invites people with a
// role (emailed, and its link shown to copy), changes roles and removes members.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { fetchInstance } from '@/features/auth/api';
import { meQuery, useCan } from '@/lib/access';
import { authClient } from '@/lib/auth-client';
import { timeAgo } from '@/lib/utils';
import { unwrap } from './api-keys';

const roles = ['owner', 'admin', 'member', 'viewer'] as const;
const roleHelp: Record<(typeof roles)[number], string> = {
  owner: 'everything, including members and the organization',
  admin: 'changes agents, budgets, prices, alert destinations and API keys',
  member: 'runs and chats with agents, cancels runs, submits goals',
  viewer: 'reads everything, changes nothing',
};
/** Better Auth's client is typed with its default roles; ours add `viewer`. */
type ClientRole = 'member';

export const inviteLink = (invitationId: string) => `${window.location.origin}/accept-invitation/${invitationId}`;

export function MembersSection({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const owner = useCan('own');
  const myId = useQuery(meQuery).data?.user?.id;
  const instance = useQuery({ queryKey: ['instance'], queryFn: fetchInstance });
  const membersKey = ['members', organizationId];
  const invitationsKey = ['invitations', organizationId];
  const members = useQuery({
    queryKey: membersKey,
    queryFn: () => unwrap(authClient.organization.listMembers({ query: { organizationId } })),
  });
  const invitations = useQuery({
    queryKey: invitationsKey,
    queryFn: () => unwrap(authClient.organization.listInvitations({ query: { organizationId } })),
    enabled: owner,
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: membersKey }),
      client.invalidateQueries({ queryKey: invitationsKey }),
    ]);
  const [invited, setInvited] = useState<{ email: string; link: string }>();
  const invite = useMutation({
    mutationFn: ({ email, role }: { email: string; role: string }) =>
      unwrap(authClient.organization.inviteMember({ email, role: role as ClientRole, organizationId })),
    onSuccess: (inv) => {
      setInvited({ email: inv.email, link: inviteLink(inv.id) });
      return refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: string }) =>
      unwrap(authClient.organization.updateMemberRole({ memberId, role: role as ClientRole, organizationId })),
    onSuccess: () => {
      toast.success('Role changed');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (memberId: string) =>
      unwrap(authClient.organization.removeMember({ memberIdOrEmail: memberId, organizationId })),
    onSuccess: () => {
      toast.success('Member removed');
      return refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: (invitationId: string) => unwrap(authClient.organization.cancelInvitation({ invitationId })),
    onSuccess: refresh,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    invite.mutate(
      { email: String(data.get('email')).trim(), role: String(data.get('role')) },
      { onSuccess: () => form.reset() },
    );
  }
  const pending = (invitations.data ?? []).filter((i) => i.status === 'pending');
  const error = invite.error ?? changeRole.error ?? remove.error ?? cancel.error;

  return (
    <Card id="members" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>
          <h2>Members</h2>
        </CardTitle>
        <CardDescription>
          {roles.map((r) => (
            <span key={r} className="block">
              <strong>{r}</strong>: {roleHelp[r]}
            </span>
          ))}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {owner && (
          <form className="flex flex-wrap items-end gap-2" onSubmit={submit} aria-label="Invite a member">
            <Field id="invite-email" label="Email" className="min-w-64 flex-1">
              <Input id="invite-email" name="email" type="email" required placeholder="name@example.com" />
            </Field>
            <Field id="invite-role" label="Role">
              <Select id="invite-role" name="role" defaultValue="member">
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" disabled={invite.isPending}>
              <UserPlus aria-hidden /> {invite.isPending ? 'Inviting…' : 'Invite'}
            </Button>
          </form>
        )}
        {invited && (
          <div role="status" className="grid gap-2 rounded-lg border border-primary/40 bg-primary/5 p-3">
            <p className="text-sm">
              {instance.data?.email === 'smtp'
                ? `An invitation was emailed to ${invited.email}; you can also send them this link.`
                : `This server does not send email (it writes the link to its log): send ${invited.email} this link.`}{' '}
              They sign in (or sign up) with that address and join with the role you chose.
            </p>
            <div className="flex items-center gap-2">
              <code className="flex-1 break-all rounded bg-muted px-2 py-1 text-xs">{invited.link}</code>
              <CopyButton text={invited.link} label="Copy the invitation link" />
            </div>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        {members.error ? (
          <ErrorNotice error={members.error} />
        ) : members.isPending ? (
          <Spinner />
        ) : (
          <Table aria-label="Members">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>Joined</TH>
                {owner && <ActionsHead />}
              </TR>
            </THead>
            <TBody>
              {members.data.members.map((m) => (
                <TR key={m.id}>
                  <TD className="font-medium">{m.user.name}</TD>
                  <TD>{m.user.email}</TD>
                  <TD>
                    {owner && m.userId !== myId ? (
                      <Select
                        aria-label={`Role of ${m.user.email}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ memberId: m.id, role: e.target.value })}
                      >
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      m.role
                    )}
                  </TD>
                  <TD className="whitespace-nowrap text-muted-foreground">{timeAgo(String(m.createdAt))}</TD>
                  {owner && (
                    <TD>
                      {m.userId !== myId && (
                        <ConfirmRemove
                          label={`Remove ${m.user.email}`}
                          title={`Remove ${m.user.email}?`}
                          description="They lose access to this organization at once; their runs and changes stay."
                          confirmLabel="Remove member"
                          onConfirm={() => remove.mutate(m.id)}
                        />
                      )}
                    </TD>
                  )}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {owner && pending.length > 0 && (
          <Table aria-label="Pending invitations">
            <THead>
              <TR>
                <TH>Invited</TH>
                <TH>Role</TH>
                <TH>Link</TH>
                <ActionsHead />
              </TR>
            </THead>
            <TBody>
              {pending.map((i) => (
                <TR key={i.id}>
                  <TD>{i.email}</TD>
                  <TD>{i.role}</TD>
                  <TD>
                    <CopyButton text={inviteLink(i.id)} label={`Copy the invitation link for ${i.email}`} />
                  </TD>
                  <TD>
                    <Button variant="ghost" size="sm" onClick={() => cancel.mutate(i.id)}>
                      Cancel
                    </Button>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
