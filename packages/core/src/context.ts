// The context every service call receives: the database, the tenant it is scoped to, who is acting, the clock,
// and the runtime (models, tools, code-defined agents). Tenant scoping starts here.
import type { Db } from '@trellis/db';
import type { Runtime } from './runtime';

export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string;
}

export interface ServiceContext {
  db: Db;
  tenantId: string;
  actor: Actor;
  clock: () => Date;
  runtime: Runtime;
}
