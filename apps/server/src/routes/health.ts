// /api/health (public): database reachability and latency, and the state of background jobs.
import { createRoute, z } from '@hono/zod-openapi';
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
      error: z.string().optional(),
    }),
    jobs: z.object({ status: z.string(), detail: z.string() }),
  })
  .openapi('Health');

export function healthRoutes(database: DatabaseHandle, version: string) {
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
        db = { kind: database.kind, ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
      } catch (e) {
        db = { kind: database.kind, ok: false, error: (e as Error).message };
      }
      const body = {
        status: db.ok ? ('ok' as const) : ('degraded' as const),
        version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: db,
        jobs: {
          status: 'inline',
          detail: 'runs execute within the request; durable background jobs are not enabled in this version',
        },
      };
      return c.json(body, db.ok ? 200 : 503);
    },
  );
}
