// Alerts and where they go: GET /api/alerts (open by default), POST /api/alerts/{alertId}/resolve, and the
// organization's destinations (signed webhooks, Slack incoming webhooks) — secrets are write-only.
import { createRoute, z } from '@hono/zod-openapi';
import {
  alertListQuerySchema,
  createDestination,
  deleteDestination,
  destinationCreateSchema,
  listAlerts,
  listDestinations,
  resolveAlert,
} from '@trellis/core';
import { agentAlertSelectSchema } from '@trellis/db';
import { commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const AlertSchema = component(agentAlertSelectSchema, 'Alert');
const DestinationSchema = component(
  z.object({
    id: z.string(),
    kind: z.enum(['webhook', 'slack']),
    url: z.string(),
    enabled: z.boolean(),
    signed: z.boolean(),
    createdAt: z.date(),
  }),
  'AlertDestination',
);
const tags = ['Alerts'];
const idParam = (name: string) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(200)
      .openapi({ param: { name, in: 'path' } }),
  });

export const alertRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/alerts',
      tags,
      security,
      summary: 'Alerts, newest first (open by default)',
      request: { query: alertListQuerySchema },
      responses: {
        200: jsonResponse(z.object({ alerts: z.array(AlertSchema) }), 'Alerts'),
        400: commonErrors[400],
        401: commonErrors[401],
      },
    }),
    async (c) => c.json({ alerts: await listAlerts(c.var.ctx, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/alerts/{alertId}/resolve',
      tags,
      security,
      summary: 'Resolve an alert',
      request: { params: idParam('alertId') },
      responses: { 200: jsonResponse(AlertSchema, 'The resolved alert'), ...commonErrors },
    }),
    async (c) => c.json(await resolveAlert(c.var.ctx, c.req.valid('param').alertId as string), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/alert-destinations',
      tags,
      security,
      summary: 'Where alerts are delivered (secrets are never returned)',
      responses: {
        200: jsonResponse(z.object({ destinations: z.array(DestinationSchema) }), 'Destinations'),
        401: commonErrors[401],
      },
    }),
    async (c) => c.json({ destinations: await listDestinations(c.var.ctx) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/alert-destinations',
      tags,
      security,
      summary:
        'Add a destination: a webhook (signed with HMAC-SHA256 when a secret is given) or a Slack incoming webhook',
      request: { body: jsonBody(destinationCreateSchema) },
      responses: { 201: jsonResponse(DestinationSchema, 'The destination'), ...commonErrors },
    }),
    async (c) => c.json(await createDestination(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/alert-destinations/{destinationId}',
      tags,
      security,
      summary: 'Remove a destination',
      request: { params: idParam('destinationId') },
      responses: { 200: jsonResponse(z.object({ deleted: z.boolean() }), 'Removed'), ...commonErrors },
    }),
    async (c) => c.json(await deleteDestination(c.var.ctx, c.req.valid('param').destinationId as string), 200),
  );
