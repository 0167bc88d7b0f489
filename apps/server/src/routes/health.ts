// /api/health (public): database reachability and latency, whether it enforces tenant isolation, and the job system: backend, whether this process works
// the queues, and queued/active/failed job counts.
import { createRoute, z } from '@hono/zod-openapi';
import { type JobsStatus, jobNames, type Runtime } from '@trellis/core';
import type { DatabaseHandle } from '@trellis/db';
import { sql } from 'drizzle-orm';
import { createRouter, jsonResponse } from '../http/openapi';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    uptimeSeconds: z.number(),
    database: z.object({
      kind: z.enum(['pglite', 'postgres']),
      ok: z.boolean(),
      latencyMs: z.number().optional(),
      rowSecurity: z.enum(['enforced', 'bypassed']).openapi({
        description:
          "enforced: the database itself keeps each organization's rows apart (row-level security); bypassed: the server connects as a superuser or BYPASSRLS role, so only the application's own filters do",
      }),
      error: z.string().optional(),
    }),
    knowledge: z.object({
      search: z.enum(['hybrid', 'text']).openapi({
        description:
          'hybrid: pgvector is installed and knowledge bases search by embedding and full text; text: no pgvector on this PostgreSQL, so full text alone',
      }),
    }),
    jobs: z.object({
      status: z.enum(['ok', 'off', 'unavailable']).openapi({
        description:
          'ok: pg-boss started and this process works the queues; off: it only sends jobs (TRELLIS_WORKER=off, a `trellis worker` must run); unavailable: not started or unreadable',
      }),
      backend: z.enum(['pglite', 'postgres']).optional(),
      worker: z.enum(['inline', 'off', 'process']).optional(),
      running: z.boolean(),
      totals: z.object({ queued: z.number(), active: z.number(), failed: z.number() }).optional(),
      queues: z
        .array(z.object({ name: z.enum(jobNames), queued: z.number(), active: z.number(), failed: z.number() }))
        .optional(),
      error: z.string().optional(),
    }),
  })
  .openapi('Health');

async function jobsHealth(runtime: Runtime) {
  if (!runtime.jobs) return { status: 'unavailable' as const, running: false, error: 'the job system is not started' };
  try {
    const s: JobsStatus = await runtime.jobs.status();
    return {
      status: !s.running ? ('unavailable' as const) : s.worker === 'off' ? ('off' as const) : ('ok' as const),
      ...s,
    };
  } catch (e) {
    return { status: 'unavailable' as const, running: false, error: (e as Error).message };
  }
}

export function healthRoutes(database: DatabaseHandle, runtime: Runtime, version: string) {
  const started = Date.now();
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['System'],
      summary: 'Health of the database and jobs',
      responses: {
        200: jsonResponse(HealthSchema, 'Healthy'),
        503: jsonResponse(HealthSchema, 'Database unreachable'),
      },
    }),
    async (c) => {
      const t0 = performance.now();
      let db: z.infer<typeof HealthSchema>['database'];
      try {
        await database.db.execute(sql`select 1`);
        const latencyMs = Math.round((performance.now() - t0) * 100) / 100;
        db = { kind: database.kind, ok: true, latencyMs, rowSecurity: database.rowSecurity };
      } catch (e) {
        db = { kind: database.kind, ok: false, rowSecurity: database.rowSecurity, error: (e as Error).message };
      }
      const body = {
        status: db.ok ? ('ok' as const) : ('degraded' as const),
        version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: db,
        knowledge: { search: runtime.vectorSearch ? ('hybrid' as const) : ('text' as const) },
        jobs: db.ok ? await jobsHealth(runtime) : { status: 'unavailable' as const, running: false },
      };
      return c.json(body, db.ok ? 200 : 503);
    },
  );
}
