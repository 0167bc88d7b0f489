// Routes of the workspace (TanStack Router, code-based). Thin: each route names its screen in features/ and
// validates its search params. Pages beyond the first screen load on demand (route-level code splitting). Signed-out visitors go to sign-in (or sign-up on an install with no users).
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import * as z from 'zod/mini';
import { NotFound } from './components/not-found';
import { AgentLayout } from './features/agent/agent-layout';
import { AgentOverviewPage } from './features/agent/overview-page';
import { AppShell } from './features/app-shell';
import { auditSearch } from './features/audit/search';
import { fetchInstance } from './features/auth/api';
import { SignInPage, SignUpPage } from './features/auth/auth-pages';
import { guardrailEventTypes, guardrailKeys } from './features/guardrails/search';
import { learningTabs } from './features/learning/search';
import { WorkspacePage } from './features/workspace/workspace-page';
import { authClient } from './lib/auth-client';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: () => <NotFound /> });

const nextSearch = z.object({ next: z.optional(z.string()) });

const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: nextSearch,
  component: SignInPage,
});
const signUp = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: nextSearch,
  component: SignUpPage,
});

const forgotPassword = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./features/auth/password-pages'), 'ForgotPasswordPage'),
});
const resetPassword = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: z.object({ token: z.optional(z.string()), error: z.optional(z.string()) }),
  component: lazyRouteComponent(() => import('./features/auth/password-pages'), 'ResetPasswordPage'),
});

const app = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    const { data } = await authClient.getSession();
    if (data) return { session: data };
    const instance = await fetchInstance();
    throw redirect({ to: instance.hasUsers ? '/sign-in' : '/sign-up', search: { next: location.href } });
  },
  component: AppShell,
});

const home = createRoute({
  getParentRoute: () => app,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/workspace' });
  },
});

export const workspaceSearch = z.object({
  q: z.optional(z.string()),
  type: z.optional(z.enum(['SYSTEM', 'USER'])),
  model: z.optional(z.string()),
  active: z.optional(z.enum(['true', 'false'])),
  sort: z.optional(z.enum(['name', 'recent', 'model'])),
});
const workspace = createRoute({
  getParentRoute: () => app,
  path: '/workspace',
  validateSearch: workspaceSearch,
  component: WorkspacePage,
});
const settings = createRoute({
  getParentRoute: () => app,
  path: '/settings',
  component: lazyRouteComponent(() => import('./features/settings/settings-page'), 'SettingsPage'),
});

const acceptInvitation = createRoute({
  getParentRoute: () => app,
  path: '/accept-invitation/$invitationId',
  component: lazyRouteComponent(() => import('./features/settings/accept-invitation-page'), 'AcceptInvitationPage'),
});

export const alertsSearch = z.object({
  status: z.catch(z.optional(z.enum(['open', 'resolved', 'all'])), undefined),
  source: z.catch(z.optional(z.enum(['COST', 'GUARDRAIL', 'EVAL', 'LEARNING', 'SYSTEM'])), undefined),
  severity: z.catch(z.optional(z.enum(['CRITICAL', 'WARNING', 'INFO'])), undefined),
  agent: z.optional(z.string()),
});
const alerts = createRoute({
  getParentRoute: () => app,
  path: '/alerts',
  validateSearch: alertsSearch,
  component: lazyRouteComponent(() => import('./features/alerts/alerts-page'), 'AlertsPage'),
});

const audit = createRoute({
  getParentRoute: () => app,
  path: '/audit',
  validateSearch: auditSearch,
  component: lazyRouteComponent(() => import('./features/audit/audit-page'), 'AuditPage'),
});

export const goalsSearch = z.object({ goal: z.optional(z.string()) });
const goals = createRoute({
  getParentRoute: () => app,
  path: '/goals',
  validateSearch: goalsSearch,
  component: lazyRouteComponent(() => import('./features/goals/goals-page'), 'GoalsPage'),
});

export const workflowsSearch = z.object({ workflow: z.optional(z.string()), run: z.optional(z.string()) });
const workflows = createRoute({
  getParentRoute: () => app,
  path: '/workflows',
  validateSearch: workflowsSearch,
  component: lazyRouteComponent(() => import('./features/workflows/workflows-page'), 'WorkflowsPage'),
});

const mcpServers = createRoute({
  getParentRoute: () => app,
  path: '/mcp-servers',
  component: lazyRouteComponent(() => import('./features/mcp-servers/mcp-servers-page'), 'McpServersPage'),
});

/** The knowledge base shown (its id); the first one when none is given. */
export const knowledgeSearch = z.object({ kb: z.optional(z.string()) });
const knowledge = createRoute({
  getParentRoute: () => app,
  path: '/knowledge',
  validateSearch: knowledgeSearch,
  component: lazyRouteComponent(() => import('./features/knowledge/knowledge-page'), 'KnowledgePage'),
});

const agent = createRoute({ getParentRoute: () => app, path: '/workspace/$agentSlug', component: AgentLayout });
const agentIndex = createRoute({
  getParentRoute: () => agent,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/workspace/$agentSlug/overview', params });
  },
});

export const runsSearch = z.object({
  status: z.optional(z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'])),
  runType: z.optional(z.enum(['TEST', 'PROD', 'AB'])),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  cursor: z.optional(z.string()),
});
export const versionsSearch = z.object({
  left: z.optional(z.coerce.number().check(z.int())),
  right: z.optional(z.coerce.number().check(z.int())),
});
export const testSearch = z.object({ thread: z.optional(z.string()) });
/** A month the cost API accepts; anything else falls back to this month. */
export const costsSearch = z.object({
  month: z.catch(z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))), undefined),
});

/** A custom range needs both days; otherwise a preset of the last 7, 30 or 90 days (default 30). */
const rangeDay = z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined);
const dayRangeSearch = z.object({
  days: z.catch(z.optional(z.union([z.literal(7), z.literal(30), z.literal(90)])), undefined),
  from: rangeDay,
  to: rangeDay,
});
export const analyticsSearch = dayRangeSearch;
/** The range of days, and the feedback list's thumbs filter (anything else is dropped). */
export const evaluationsSearch = z.extend(dayRangeSearch, {
  thumbs: z.catch(z.optional(z.enum(['up', 'down'])), undefined),
});
/** The guardrail event filters; a value the events API does not know is dropped. */
export const guardrailsSearch = z.object({
  type: z.catch(z.optional(z.enum(guardrailEventTypes)), undefined),
  guardrailKey: z.catch(z.optional(z.enum(guardrailKeys)), undefined),
});
export const tracesSearch = z.extend(runsSearch, { run: z.optional(z.string()) });
/** The Learning page's tab, the session opened on the Sessions tab, and the Metrics tab's range of days. */
export const learningSearch = z.extend(dayRangeSearch, {
  tab: z.catch(z.optional(z.enum(learningTabs)), undefined),
  session: z.optional(z.string()),
});

const overview = createRoute({ getParentRoute: () => agent, path: 'overview', component: AgentOverviewPage });
const configure = createRoute({
  getParentRoute: () => agent,
  path: 'configure',
  component: lazyRouteComponent(() => import('./features/agent/configure-page'), 'ConfigurePage'),
});
const test = createRoute({
  getParentRoute: () => agent,
  path: 'test',
  validateSearch: testSearch,
  component: lazyRouteComponent(() => import('./features/agent/test-page'), 'TestPage'),
});
const runs = createRoute({
  getParentRoute: () => agent,
  path: 'runs',
  validateSearch: runsSearch,
  component: lazyRouteComponent(() => import('./features/agent/runs-page'), 'RunsPage'),
});
const versions = createRoute({
  getParentRoute: () => agent,
  path: 'versions',
  validateSearch: versionsSearch,
  component: lazyRouteComponent(() => import('./features/agent/versions-page'), 'VersionsPage'),
});
const costs = createRoute({
  getParentRoute: () => agent,
  path: 'costs',
  validateSearch: costsSearch,
  component: lazyRouteComponent(() => import('./features/costs/costs-page'), 'CostsPage'),
});
const guardrails = createRoute({
  getParentRoute: () => agent,
  path: 'guardrails',
  validateSearch: guardrailsSearch,
  component: lazyRouteComponent(() => import('./features/guardrails/guardrails-page'), 'GuardrailsPage'),
});

const analytics = createRoute({
  getParentRoute: () => agent,
  path: 'analytics',
  validateSearch: analyticsSearch,
  component: lazyRouteComponent(() => import('./features/analytics/analytics-page'), 'AnalyticsPage'),
});
const evaluations = createRoute({
  getParentRoute: () => agent,
  path: 'evaluations',
  validateSearch: evaluationsSearch,
  component: lazyRouteComponent(() => import('./features/evaluations/evaluations-page'), 'EvaluationsPage'),
});
const learning = createRoute({
  getParentRoute: () => agent,
  path: 'learning',
  validateSearch: learningSearch,
  component: lazyRouteComponent(() => import('./features/learning/learning-page'), 'LearningPage'),
});
const traces = createRoute({
  getParentRoute: () => agent,
  path: 'traces',
  validateSearch: tracesSearch,
  component: lazyRouteComponent(() => import('./features/traces/traces-page'), 'TracesPage'),
});

const agentChildren = [
  overview,
  configure,
  test,
  runs,
  versions,
  costs,
  guardrails,
  analytics,
  traces,
  evaluations,
  learning,
];
const runDetail = createRoute({
  getParentRoute: () => agent,
  path: 'runs/$runId',
  component: lazyRouteComponent(() => import('./features/agent/run-detail-page'), 'RunDetailPage'),
});

const routeTree = rootRoute.addChildren([
  signIn,
  signUp,
  forgotPassword,
  resetPassword,
  app.addChildren([
    home,
    workspace,
    goals,
    workflows,
    knowledge,
    mcpServers,
    alerts,
    audit,
    settings,
    acceptInvitation,
    agent.addChildren([agentIndex, ...agentChildren, runDetail]),
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultNotFoundComponent: () => <NotFound />,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
