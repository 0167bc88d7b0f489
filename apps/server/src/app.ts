// Builds the Hono application: request ids, the auth handler, public routes, then tenant-scoped /api routes and
// the OpenAPI document generated from them. One onError formats every failure.
import type { Runtime } from '@trellis/core';
import type { DatabaseHandle } from '@trellis/db';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Auth } from './auth';
import { signInProviders } from './auth-providers';
import { CLIENT_ADDRESS_HEADER } from './auth-sign-in-guard';
import { authorize } from './http/access';
import { errorBody, HttpError, onError } from './http/errors';
import { type AppEnv, createRouter } from './http/openapi';
import { clientAddress, limitPerAddress, limitPerApiKey, type RateLimitCounters } from './http/rate-limit';
import { defaultContentSecurityPolicy, sameOriginWrites, securityHeaders } from './http/security';
import { requireTenant } from './http/tenant';
import { agentRoutes } from './routes/agents';
import { alertRoutes } from './routes/alerts';
import { analyticsRoutes } from './routes/analytics';
import { auditRoutes } from './routes/audit';
import { budgetRoutes } from './routes/budgets';
import { costRoutes } from './routes/costs';
import { docsRoutes } from './routes/docs';
import { evaluationRoutes } from './routes/evaluations';
import { feedbackRoutes } from './routes/feedback';
import { goalRoutes } from './routes/goals';
import { guardrailRoutes } from './routes/guardrails';
import { healthRoutes } from './routes/health';
import { instanceRoutes } from './routes/instance';
import { knowledgeRoutes } from './routes/knowledge';
import { learningRoutes } from './routes/learning';
import { mcpRoutes } from './routes/mcp';
import { mcpServerRoutes } from './routes/mcp-servers';
import { meRoutes } from './routes/me';
import { modelRoutes } from './routes/models';
import { openAiRoutes } from './routes/openai';
import { priceRoutes } from './routes/prices';
import { runRoutes } from './routes/runs';
import { testCaseRoutes } from './routes/test-cases';
import { webRoutes } from './routes/web';
import { workflowRoutes } from './routes/workflows';

export interface AppDeps {
  database: DatabaseHandle;
  auth: Auth;
  runtime: Runtime;
  version: string;
  /** Origins a signed-in write may come from (the server's own address first). */
  trustedOrigins: string[];
  /** The rate-limit counters (http/rate-limit.ts), shared with auth's sign-in guard. */
  rateLimits: RateLimitCounters;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', securityHeaders());
  app.use('*', defaultContentSecurityPolicy());
  app.onError(onError);
  const fiveMegabytes = bodyLimit({
    maxSize: 5 * 1024 * 1024,
    onError: () => {
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 5 MB');
    },
  });
  app.use('/api/*', fiveMegabytes);

  const { env } = deps.runtime.config;
  const perAddress = limitPerAddress(deps.rateLimits.address, env.RATE_LIMIT_IP_PER_MINUTE, env.TRUST_PROXY);
  app.use('/api/*', perAddress);
  // A write with a session cookie must come from this site (Better Auth's own routes included).
  const sameSite = sameOriginWrites(deps.trustedOrigins);
  app.use('/api/*', sameSite);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => {
    // The client's address for the sign-in guard, set here (whatever the client sent under that name).
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_ADDRESS_HEADER, clientAddress(c, env.TRUST_PROXY));
    return deps.auth.handler(new Request(c.req.raw, { headers }));
  });

  const api = createRouter();
  api.route('/', healthRoutes(deps.database, deps.runtime, deps.version));
  api.route('/', instanceRoutes(deps.database.db, deps.version, signInProviders(env), env.MAIL_TRANSPORT));
  // Everything below needs a session or an API key; health, auth and docs (registered above) answer first.
  const tenant = requireTenant({ db: deps.database.db, auth: deps.auth, runtime: deps.runtime });
  const perKey = limitPerApiKey(deps.rateLimits.apiKey, env.RATE_LIMIT_API_KEY_PER_MINUTE);
  api.use('/api/*', tenant);
  // …and a role (or API key scope) that allows what the route does (http/access.ts), within the key's rate.
  api.use('/api/*', authorize());
  api.use('/api/*', perKey);
  api.route('/', meRoutes);
  api.route('/', agentRoutes);
  api.route('/', auditRoutes);
  api.route('/', runRoutes);
  api.route('/', modelRoutes);
  api.route('/', budgetRoutes);
  api.route('/', guardrailRoutes);
  api.route('/', feedbackRoutes);
  api.route('/', evaluationRoutes);
  api.route('/', testCaseRoutes);
  api.route('/', learningRoutes);
  api.route('/', costRoutes);
  api.route('/', priceRoutes);
  api.route('/', alertRoutes);
  api.route('/', analyticsRoutes);
  api.route('/', goalRoutes);
  api.route('/', workflowRoutes);
  api.route('/', mcpServerRoutes);
  api.route('/', knowledgeRoutes);
  api.route('/', mcpRoutes(deps.version));
  app.route('/', docsRoutes(api, deps.version));
  app.route('/', api);
  // The OpenAI-compatible API: the same checks, in the same order, answered in OpenAI's error shape.
  app.route('/v1', openAiRoutes([fiveMegabytes, perAddress, sameSite, tenant, authorize(), perKey]));

  app.route('/', webRoutes());
  app.notFound((c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404));
  return app;
}
