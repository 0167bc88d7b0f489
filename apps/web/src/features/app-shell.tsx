// The signed-in frame: top bar with the organization switcher, navigation, theme toggle and account menu.
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Building2, Check, ChevronDown, KeyRound, LogOut, Moon, Plus, Sun } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  Dropdown,
  DropdownContent,
  DropdownItem,
  DropdownLabel,
  DropdownSeparator,
  DropdownTrigger,
} from '@/components/ui/dropdown';
import { authClient } from '@/lib/auth-client';
import { currentTheme, setTheme } from '@/lib/theme';

function OrganizationSwitcher() {
  const { data: orgs } = authClient.useListOrganizations();
  const { data: active } = authClient.useActiveOrganization();
  const client = useQueryClient();
  const navigate = useNavigate();
  async function switchTo(organizationId: string) {
    const { error } = await authClient.organization.setActive({ organizationId });
    if (error) return toast.error(error.message ?? 'Could not switch organization');
    client.clear();
    navigate({ to: '/workspace' });
  }
  async function create() {
    const name = prompt('Name of the new organization');
    if (!name?.trim()) return;
    const slug = `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'org'
    }-${Math.random().toString(36).slice(2, 7)}`;
    const { data, error } = await authClient.organization.create({ name: name.trim(), slug });
    if (error || !data) return toast.error(error?.message ?? 'Could not create the organization');
    await switchTo(data.id);
    toast.success(`Created ${data.name}`);
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
        <DropdownItem onSelect={create}>
          <Plus className="size-4" aria-hidden /> New organization
        </DropdownItem>
      </DropdownContent>
    </Dropdown>
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
          <span className="hidden max-w-40 truncate sm:inline">{session?.user.email}</span>
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
            <span className="hidden sm:inline">Trellis</span>
          </Link>
          <OrganizationSwitcher />
          <nav aria-label="Main" className="ml-2 flex items-center gap-1 text-sm">
            <Link
              to="/workspace"
              className="rounded-md px-2 py-1 text-muted-foreground hover:text-foreground [&.active]:text-foreground [&.active]:font-medium"
            >
              Agents
            </Link>
            <Link
              to="/settings"
              className="rounded-md px-2 py-1 text-muted-foreground hover:text-foreground [&.active]:text-foreground [&.active]:font-medium"
            >
              Settings
            </Link>
            <a href="/api/docs" className="rounded-md px-2 py-1 text-muted-foreground hover:text-foreground">
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
