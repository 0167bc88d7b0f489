// Settings › Your sessions: every browser or device signed in as you (Better Auth's sessions), this one marked; sign
// any other out, or all others at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { authClient } from '@/lib/auth-client';
import { timeAgo } from '@/lib/utils';
import { unwrap } from './api-keys';

const sessionsKey = ['sessions'];

/** A short description of a user agent: browser and system, or the raw string's start. */
function device(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const browser = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge');
  const system = /(Windows|Mac OS X|Linux|Android|iPhone|iPad)/.exec(userAgent)?.[1];
  return browser || system ? [browser, system].filter(Boolean).join(' on ') : userAgent.slice(0, 60);
}

export function SessionsSection() {
  const client = useQueryClient();
  const { data: current } = authClient.useSession();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => unwrap(authClient.listSessions()) });
  const refresh = () => client.invalidateQueries({ queryKey: sessionsKey });
  const revoke = useMutation({
    mutationFn: (token: string) => unwrap(authClient.revokeSession({ token })),
    onSuccess: () => {
      toast.success('Signed out there');
      return refresh();
    },
  });
  const revokeOthers = useMutation({
    mutationFn: () => unwrap(authClient.revokeOtherSessions()),
    onSuccess: () => {
      toast.success('Signed out everywhere else');
      return refresh();
    },
  });
  const list = sessions.data ?? [];
  const mine = current?.session.token;
  return (
    <Card id="sessions" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>
          <h2>Your sessions</h2>
        </CardTitle>
        <CardDescription>
          Where you are signed in. Signing a session out takes effect on its next request.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sessions.error ? (
          <ErrorNotice error={sessions.error} />
        ) : sessions.isPending ? (
          <Spinner />
        ) : (
          <Table aria-label="Your sessions">
            <THead>
              <TR>
                <TH>Device</TH>
                <TH>Address</TH>
                <TH>Signed in</TH>
                <ActionsHead />
              </TR>
            </THead>
            <TBody>
              {list.map((s) => (
                <TR key={s.id}>
                  <TD>
                    {device(s.userAgent)} {s.token === mine && <Badge>this session</Badge>}
                  </TD>
                  <TD className="font-mono text-xs">{s.ipAddress || '—'}</TD>
                  <TD className="whitespace-nowrap text-muted-foreground">{timeAgo(String(s.createdAt))}</TD>
                  <TD>
                    {s.token !== mine && (
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={revoke.isPending}
                        aria-label={`Sign out ${device(s.userAgent)}`}
                        onClick={() => revoke.mutate(s.token)}
                      >
                        <LogOut aria-hidden /> Sign out
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {list.length > 1 && (
          <Button
            variant="outline"
            className="justify-self-start"
            disabled={revokeOthers.isPending}
            onClick={() => revokeOthers.mutate()}
          >
            Sign out all other sessions
          </Button>
        )}
        {(revoke.error || revokeOthers.error) && <ErrorNotice error={revoke.error ?? revokeOthers.error} />}
      </CardContent>
    </Card>
  );
}
