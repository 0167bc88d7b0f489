// /workspace/:agentSlug/learning: the continuous-learning loop of the agent — its status (active, paused or inactive)
// with Pause/Resume and "Start session", then one tab at a time (in the URL): sessions, proposals, experiments,
// metrics over a range of days, and the policy's settings.
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Pause, Play, Sparkles } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Can } from '@/lib/access';
import { selectedRange } from '@/lib/day-range';
import type { LearningDashboard } from '@/lib/types';
import { useAgentSlug } from '../agent/agent-layout';
import { dashboardQuery, usePauseLearning, useStartSession } from './api';
import { ExperimentsTab } from './experiments-tab';
import { LearningStatusBadge, learningStatusOf, statusHint, words } from './labels';
import { MetricsTab } from './metrics-tab';
import { ProposalsTab } from './proposals-tab';
import { type LearningTab, learningTabs, tabLabel } from './search';
import { SessionsTab } from './sessions-tab';
import { SettingsTab } from './settings-tab';

const route = getRouteApi('/app/workspace/$agentSlug/learning');

function Actions({ slug, dashboard }: { slug: string; dashboard: LearningDashboard }) {
  const navigate = route.useNavigate();
  const pause = usePauseLearning(slug);
  const start = useStartSession(slug);
  const paused = dashboard.policy.paused;
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="outline"
          disabled={pause.isPending}
          onClick={() =>
            pause.mutate(!paused, {
              onSuccess: () => toast.success(paused ? 'Learning resumed' : 'Learning paused'),
            })
          }
        >
          {paused ? <Play aria-hidden /> : <Pause aria-hidden />} {paused ? 'Resume learning' : 'Pause learning'}
        </Button>
        <Button
          disabled={start.isPending}
          onClick={() => {
            pause.reset();
            start.mutate(undefined, {
              onSuccess: (session) => {
                toast.success('Session started: it reads the signals and proposes a change within seconds');
                navigate({ search: (prev) => ({ ...prev, tab: 'sessions', session: session.id }), replace: true });
              },
            });
          }}
        >
          <Sparkles aria-hidden /> {start.isPending ? 'Starting…' : 'Start session'}
        </Button>
      </div>
      {(start.error || pause.error) && <ErrorNotice error={start.error ?? pause.error} className="max-w-md" />}
    </div>
  );
}

function Header({ slug, dashboard }: { slug: string; dashboard: LearningDashboard | undefined }) {
  const status = dashboard && learningStatusOf(dashboard.status);
  const open = dashboard?.openSession;
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="learning-title" className="text-lg font-semibold">
            Learning
          </h2>
          {status && <LearningStatusBadge status={status} />}
        </div>
        <p className="max-w-prose text-sm text-muted-foreground">
          Signals from the agent's runs lead to sessions; a session proposes one change, which is checked by the test
          suite, tried on a share of live traffic against the current version, and promoted only when it wins.
          {status && ` ${statusHint[status]}`}
        </p>
        {dashboard && (
          <p className="text-xs text-muted-foreground" role="status">
            {dashboard.signals.unconsumed} signal{dashboard.signals.unconsumed === 1 ? '' : 's'} waiting for a session
            {open && ` · a session is open (${words(open.status)})`}
          </p>
        )}
      </div>
      {dashboard && (
        <Can need="manage">
          <Actions slug={slug} dashboard={dashboard} />
        </Can>
      )}
    </div>
  );
}

export function LearningPage() {
  const slug = useAgentSlug();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const dashboard = useQuery(dashboardQuery(slug));
  const tab: LearningTab = search.tab ?? 'sessions';
  const range = selectedRange(search);

  return (
    <section aria-labelledby="learning-title" className="grid gap-6">
      <Header slug={slug} dashboard={dashboard.data} />
      {dashboard.error && <ErrorNotice error={dashboard.error} />}
      <Tabs
        value={tab}
        onValueChange={(value) =>
          navigate({ search: (prev) => ({ ...prev, tab: value as LearningTab }), replace: true })
        }
      >
        <div className="overflow-x-auto">
          <TabsList aria-label="Learning">
            {learningTabs.map((t) => (
              <TabsTrigger key={t} value={t}>
                {tabLabel(t)}
              </TabsTrigger>
            ))}
          </TabsList>
        </div>
        <TabsContent value="sessions">
          <SessionsTab
            slug={slug}
            shown={search.session}
            onShow={(session) => navigate({ search: (prev) => ({ ...prev, session }), replace: true })}
          />
        </TabsContent>
        <TabsContent value="proposals">
          <ProposalsTab slug={slug} />
        </TabsContent>
        <TabsContent value="experiments">
          <ExperimentsTab slug={slug} />
        </TabsContent>
        <TabsContent value="metrics">
          <MetricsTab
            slug={slug}
            range={range}
            onRange={(s) =>
              navigate({ search: (prev) => ({ tab: prev.tab, session: prev.session, ...s }), replace: true })
            }
          />
        </TabsContent>
        <TabsContent value="settings">
          <SettingsTab slug={slug} />
        </TabsContent>
      </Tabs>
    </section>
  );
}
