// /workspace/:agentSlug/guardrails: the policy editor (this agent's own policy, and the organization's that every agent
// inherits and may only tighten) with what is in force, and the agent's guardrail events (filters in the URL).
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { RoleNote } from '@/lib/access';
import type { Guardrails } from '@/lib/types';
import { useUserName } from '@/lib/user-name';
import { useAgentSlug } from '../agent/agent-layout';
import { Section } from '../agent/configure-controls';
import { guardrailsQuery } from './api';
import { GuardrailEvents } from './events-panel';
import { PolicyForm, SavedVersion } from './policy-form';

function PolicyTabs({ slug, guardrails }: { slug: string; guardrails: Guardrails }) {
  const userName = useUserName();
  const { policy, organization } = guardrails;
  const by = (id: string | null) => userName(id) ?? 'an API key or a former member';
  // Both forms stay mounted (inactive one hidden), so switching tabs keeps unsaved changes.
  const panel = 'grid gap-4 data-[state=inactive]:hidden';
  return (
    <Tabs defaultValue="agent">
      <TabsList aria-label="Whose policy">
        <TabsTrigger value="agent">This agent</TabsTrigger>
        <TabsTrigger value="organization">Organization</TabsTrigger>
      </TabsList>
      <TabsContent value="agent" forceMount className={panel}>
        <div className="grid gap-1">
          <SavedVersion
            version={policy?.version}
            by={by(policy?.createdBy ?? null)}
            at={policy?.createdAt}
            none="No policy of its own yet: this agent inherits the organization's."
          />
          <p className="text-sm text-muted-foreground">
            An agent's policy can only tighten the organization's: each setting offers "Inherit" and the settings at
            least as strict. An empty limit inherits.
          </p>
        </div>
        <RoleNote need="manage">You can see these guardrails but not change them</RoleNote>
        <PolicyForm key={`agent-${policy?.version ?? 0}`} slug={slug} scope="agent" guardrails={guardrails} />
      </TabsContent>
      <TabsContent value="organization" forceMount className={panel}>
        <div className="grid gap-1">
          <SavedVersion
            version={organization.isDefault ? undefined : organization.version}
            by={by(organization.createdBy)}
            at={organization.createdAt}
            none="The default policy: nothing saved yet."
          />
          <p className="text-sm text-muted-foreground">
            Applies to every agent in this organization; an agent's own policy may add to it, never loosen it.
          </p>
        </div>
        <RoleNote need="manage">You can see these guardrails but not change them</RoleNote>
        <PolicyForm
          key={`organization-${organization.version}`}
          slug={slug}
          scope="organization"
          guardrails={guardrails}
        />
      </TabsContent>
    </Tabs>
  );
}

export function GuardrailsPage() {
  const slug = useAgentSlug();
  const guardrails = useQuery(guardrailsQuery(slug));
  return (
    <section aria-labelledby="guardrails-title" className="grid gap-6">
      <div className="grid gap-1">
        <h2 id="guardrails-title" className="text-lg font-semibold">
          Guardrails
        </h2>
        <p className="text-sm text-muted-foreground">
          Checks on this agent's input, output and execution. The organization's policy applies to every agent; the
          stricter of it and this agent's own is in force.
        </p>
      </div>
      <Section
        id="guardrail-policy"
        title="Policy"
        description={
          <>
            <strong className="font-medium">Flag</strong> records an event and changes nothing.{' '}
            <strong className="font-medium">Redact</strong> replaces each match with <code>[REDACTED:kind]</code>.{' '}
            <strong className="font-medium">Block</strong> refuses the run (GUARDRAIL_BLOCKED); on the output, the
            answer is withheld.
          </>
        }
      >
        {guardrails.error ? (
          <ErrorNotice error={guardrails.error} />
        ) : guardrails.isPending ? (
          <Skeleton className="h-96" />
        ) : (
          <PolicyTabs slug={slug} guardrails={guardrails.data} />
        )}
      </Section>
      <Section
        id="guardrail-events"
        title="Events"
        description="What the checks did on this agent's runs, newest first. Snippets are stored with secrets, personal data and blocked patterns already redacted."
      >
        <GuardrailEvents slug={slug} />
      </Section>
    </section>
  );
}
