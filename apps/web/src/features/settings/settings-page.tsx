// /settings: your sessions, and the active organization — members and roles, API keys, its budget, where alerts go and its model price
// overrides, one section per file beside this one; each shown as the user's role allows.

import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can, RoleNote } from '@/lib/access';
import { authClient } from '@/lib/auth-client';
import { AlertDestinationsSection } from './alert-destinations-section';
import { ApiKeysSection } from './api-keys-section';
import { OrganizationBudgetSection } from './budget-section';
import { MembersSection } from './members-section';
import { PriceOverridesSection } from './price-overrides-section';
import { SessionsSection } from './sessions-section';

export function SettingsPage() {
  const { data: org, isPending } = authClient.useActiveOrganization();
  return (
    <main className="mx-auto grid max-w-4xl gap-6 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-sm text-muted-foreground">{org ? `Organization: ${org.name}` : ' '}</p>
      </div>
      {isPending ? (
        <Spinner />
      ) : org ? (
        <>
          <MembersSection organizationId={org.id} />
          <Can need="manage">
            <ApiKeysSection organizationId={org.id} />
          </Can>
          <OrganizationBudgetSection />
          <Can need="manage">
            <AlertDestinationsSection />
            <PriceOverridesSection />
          </Can>
          <RoleNote need="manage">API keys, alert destinations and price overrides are not shown</RoleNote>
          <SessionsSection />
        </>
      ) : (
        <ErrorNotice error="No active organization." />
      )}
    </main>
  );
}
