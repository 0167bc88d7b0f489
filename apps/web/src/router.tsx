// Routes of the workspace (TanStack Router, code-based). Thin: each route names its screen in features/ and
// validates its search params. Signed-out visitors go to sign-in (or sign-up on an install with no users).
import { createRootRoute, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { NotFound } from './components/not-found';
import { AgentLayout } from './features/agent/agent-layout';
import { ConfigurePage } from './features/agent/configure-page';
import { AgentOverviewPage } from './features/agent/overview-page';
import { agentPages } from './features/agent/pages';
import { RunDetailPage } from './features/agent/run-detail-page';
import { RunsPage } from './features/agent/runs-page';
import { TestPage } from './features/agent/test-page';
import { VersionsPage } from './features/agent/versions-page';
import { AppShell } from './features/app-shell';
import { fetchInstance } from './features/auth/api';
import { SignInPage, SignUpPage } from './features/auth/auth-pages';
import { ComingSoon } from './features/placeholders/coming-soon';
import { SettingsPage } from './features/settings/settings-page';
import { WorkspacePage } from './features/workspace/workspace-page';
import { authClient } from './lib/auth-client';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: () => <NotFound /> });

const nextSearch = z.object({ next: z.string().optional() });

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
  q: z.string().optional(),
  type: z.enum(['SYSTEM', 'USER']).optional(),
  model: z.string().optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', 'recent', 'model']).optional(),
});
const workspace = createRoute({
  getParentRoute: () => app,
  path: '/workspace',
  validateSearch: workspaceSearch,
  component: WorkspacePage,
});
const settings = createRoute({ getParentRoute: () => app, path: '/settings', component: SettingsPage });

const agent = createRoute({ getParentRoute: () => app, path: '/workspace/$agentSlug', component: AgentLayout });
const agentIndex = createRoute({
  getParentRoute: () => agent,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/workspace/$agentSlug/overview', params });
  },
});

export const runsSearch = z.object({
  status: z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']).optional(),
  runType: z.enum(['TEST', 'PROD', 'AB']).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  cursor: z.string().optional(),
});
export const versionsSearch = z.object({
  left: z.coerce.number().int().optional(),
  right: z.coerce.number().int().optional(),
});
export const testSearch = z.object({ thread: z.string().optional() });

const overview = createRoute({ getParentRoute: () => agent, path: 'overview', component: AgentOverviewPage });
const configure = createRoute({ getParentRoute: () => agent, path: 'configure', component: ConfigurePage });
const test = createRoute({
  getParentRoute: () => agent,
  path: 'test',
  validateSearch: testSearch,
  component: TestPage,
});
const runs = createRoute({
  getParentRoute: () => agent,
  path: 'runs',
  validateSearch: runsSearch,
  component: RunsPage,
});
const versions = createRoute({
  getParentRoute: () => agent,
  path: 'versions',
  validateSearch: versionsSearch,
  component: VersionsPage,
});

/** A page whose feature has not shipped: it says so, in the navigation like the others. */
function comingSoon<P extends string>(path: P) {
  const page = agentPages.find((p) => p.path === path);
  if (!page) throw new Error(`no agent page ${path}`);
  return createRoute({ getParentRoute: () => agent, path, component: () => <ComingSoon page={page} /> });
}
const agentChildren = [
  overview,
  configure,
  test,
  runs,
  versions,
  ...(['analytics', 'traces', 'evaluations', 'costs', 'guardrails', 'learning'] as const).map(comingSoon),
];
const runDetail = createRoute({ getParentRoute: () => agent, path: 'runs/$runId', component: RunDetailPage });

const routeTree = rootRoute.addChildren([
  signIn,
  signUp,
  app.addChildren([home, workspace, settings, agent.addChildren([agentIndex, ...agentChildren, runDetail])]),
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
