// The signed-in frame: top bar with the organization switcher, navigation, theme toggle and account menu.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Building2, Check, ChevronDown, KeyRound, LogOut, Moon, Plus, Sun } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import {
  Dropdown,
  DropdownContent,
  DropdownItem,
  DropdownLabel,
  DropdownSeparator,
  DropdownTrigger,
} from '@/components/ui/dropdown';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { authClient } from '@/lib/auth-client';
import { currentTheme, setTheme } from '@/lib/theme';
import { alertsQuery } from './alerts/api';

function OrganizationSwitcher() {
  const { data: orgs } = authClient.useListOrganizations();
  const { data: active } = authClient.useActiveOrganization();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  async function switchTo(organizationId: string) {
    const { error } = await authClient.organization.setActive({ organizationId });
    if (error) return toast.error(error.message ?? 'Could not switch organization');
    await client.resetQueries();
    navigate({ to: '/workspace' });
  }
  return (
    <Dropdown>
      <DropdownTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Switch organization" className="max-w-56">
          <Building2 aria-hidden />
          <span className="truncate">{active?.name ?? 'Organization'}</span>
          <ChevronDown aria-hidden />
        </Button>
      </DropdownTrigger>
      <DropdownContent align="start">
        <DropdownLabel>Organizations</DropdownLabel>
        {(orgs ?? []).map((o) => (
          <DropdownItem key={o.id} onSelect={() => switchTo(o.id)}>
            <Check className={o.id === active?.id ? 'size-4' : 'size-4 opacity-0'} aria-hidden />
            {o.name}
          </DropdownItem>
        ))}
        <DropdownSeparator />
        <DropdownItem onSelect={() => setCreating(true)}>
          <Plus className="size-4" aria-hidden /> New organization
        </DropdownItem>
      </DropdownContent>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} onCreated={switchTo} />
    </Dropdown>
  );
}

function CreateOrganizationDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onCreated: (id: string) => Promise<unknown>;
}) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name')).trim();
    const slug = `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'org'
    }-${crypto.randomUUID().slice(0, 6)}`;
    setPending(true);
    const { data, error } = await authClient.organization.create({ name, slug });
    setPending(false);
    if (error || !data) return setError(error?.message ?? 'Could not create the organization');
    onOpenChange(false);
    await onCreated(data.id);
    toast.success(`Created ${data.name}: its agents are ready`);
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setError(undefined);
        onOpenChange(o);
      }}
    >
      <DialogContent
        title="New organization"
        description="An organization has its own agents, runs and API keys. You can switch between them at any time."
      >
        <form className="grid gap-4" onSubmit={submit}>
          <Field id="org-name" label="Name">
            <Input id="org-name" name="name" required maxLength={80} autoFocus />
          </Field>
          {error && <ErrorNotice error={error} />}
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Creating…' : 'Create organization'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ThemeToggle() {
  const [theme, set] = useState(currentTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        setTheme(next);
        set(next);
      }}
    >
      {theme === 'dark' ? <Sun aria-hidden /> : <Moon aria-hidden />}
    </Button>
  );
}

function AccountMenu() {
  const { data: session } = authClient.useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <Dropdown>
      <DropdownTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Account menu">
          <span
            className="flex size-6 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary"
            aria-hidden
          >
            {(session?.user.name ?? '?').slice(0, 1).toUpperCase()}
          </span>
          <span className="hidden max-w-40 truncate xl:inline">{session?.user.email}</span>
        </Button>
      </DropdownTrigger>
      <DropdownContent>
        <DropdownLabel>{session?.user.name}</DropdownLabel>
        <DropdownItem onSelect={() => navigate({ to: '/settings' })}>
          <KeyRound className="size-4" aria-hidden /> API keys &amp; settings
        </DropdownItem>
        <DropdownSeparator />
        <DropdownItem
          onSelect={async () => {
            await authClient.signOut();
            client.clear();
            navigate({ to: '/sign-in', search: {} });
          }}
        >
          <LogOut className="size-4" aria-hidden /> Sign out
        </DropdownItem>
      </DropdownContent>
    </Dropdown>
  );
}

const mainPages = [
  { to: '/workspace', label: 'Agents' },
  { to: '/goals', label: 'Goals' },
  { to: '/workflows', label: 'Workflows' },
  { to: '/knowledge', label: 'Knowledge' },
  { to: '/mcp-servers', label: 'MCP servers' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/audit', label: 'Audit' },
  { to: '/settings', label: 'Settings' },
] as const;

const OPEN_ALERTS_SHOWN = 99;

/** The number of open alerts beside the Alerts link (refreshed every 30 s); nothing when there are none. */
function OpenAlertsBadge() {
  const open = useQuery({
    ...alertsQuery({ status: 'open', limit: OPEN_ALERTS_SHOWN + 1 }),
    refetchInterval: 30_000,
  });
  const count = open.data?.length ?? 0;
  if (!count) return null;
  const shown = count > OPEN_ALERTS_SHOWN ? `${OPEN_ALERTS_SHOWN}+` : String(count);
  return (
    <>
      <span
        aria-hidden
        className="rounded-full bg-destructive/15 px-1.5 text-xs font-medium text-destructive tabular-nums"
      >
        {shown}
      </span>
      <span className="sr-only">{count > OPEN_ALERTS_SHOWN ? `more than ${OPEN_ALERTS_SHOWN}` : count} open</span>
    </>
  );
}

export function AppShell() {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <Link to="/workspace" className="flex items-center gap-2 font-semibold" aria-label="Trellis home">
            <span
              className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground"
              aria-hidden
            >
              T
            </span>
            <span className="hidden xl:inline">Trellis</span>
          </Link>
          <OrganizationSwitcher />
          <nav aria-label="Main" className="ml-2 flex items-center gap-1 text-sm">
            {mainPages.map((p) => (
              <Link
                key={p.to}
                to={p.to}
                className="flex items-center gap-1.5 whitespace-nowrap rounded-md px-1.5 py-1 text-muted-foreground hover:text-foreground xl:px-2 [&.active]:text-foreground [&.active]:font-medium"
              >
                {p.label}
                {p.to === '/alerts' && <OpenAlertsBadge />}
              </Link>
            ))}
            <a href="/api/docs" className="rounded-md px-1.5 py-1 text-muted-foreground hover:text-foreground xl:px-2">
              API
            </a>
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <ThemeToggle />
            <AccountMenu />
          </div>
        </div>
      </header>
      <Outlet />
    </div>
  );
}
