// /settings: the active organization — API keys, its budget, where alerts go and its model price overrides, one
// section per file beside this one.

import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { authClient } from '@/lib/auth-client';
import { AlertDestinationsSection } from './alert-destinations-section';
import { ApiKeysSection } from './api-keys-section';
import { OrganizationBudgetSection } from './budget-section';
import { PriceOverridesSection } from './price-overrides-section';

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
          <ApiKeysSection organizationId={org.id} />
          <OrganizationBudgetSection />
          <AlertDestinationsSection />
          <PriceOverridesSection />
        </>
      ) : (
        <ErrorNotice error="No active organization." />
      )}
    </main>
  );
}
