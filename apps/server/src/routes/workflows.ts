// /api/workflows: the code-defined workflows (the trip planner) with their step graphs; start a run (202: executed by
// the job worker, each step a recorded agent run), list a workflow's runs, read one with its steps, follow its
// progress as server-sent events, and cancel it.
import { createRoute, z } from '@hono/zod-openapi';
import {
  cancelWorkflowRun,
  getWorkflow,
  getWorkflowRun,
  listWorkflowRuns,
  listWorkflows,
  startWorkflowRun,
  workflowDescriptionSchema,
  workflowRunCreateSchema,
  workflowRunListQuerySchema,
  workflowRunProgress,
} from '@trellis/core';
import { workflowRunSelectSchema, workflowStepSelectSchema } from '@trellis/db';
import { streamSSE } from 'hono/streaming';
import { errorBody } from '../http/errors';
import { commonErrors, component, createRouter, jsonBody, jsonResponse, pathId, security } from '../http/openapi';

const WorkflowSchema = component(workflowDescriptionSchema, 'Workflow');
const WorkflowRunSchema = component(workflowRunSelectSchema, 'WorkflowRun');
const WorkflowRunDetailSchema = component(
  WorkflowRunSchema.extend({ steps: z.array(workflowStepSelectSchema) }),
  'WorkflowRunDetail',
);
const WorkflowParam = z.object({ workflowId: pathId('workflowId') });
const RunParam = WorkflowParam.extend({ runId: pathId('runId') });
const tags = ['Workflows'];
const conflictError = { ...commonErrors[400], description: 'The run already finished' };

export const workflowRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows',
      tags,
      security,
      summary: 'The code-defined workflows, each with its steps (the agent of each), stages and input schema',
      responses: {
        200: jsonResponse(z.object({ workflows: z.array(WorkflowSchema) }), 'Workflows'),
        401: commonErrors[401],
      },
    }),
    (c) => c.json({ workflows: listWorkflows() }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows/{workflowId}',
      tags,
      security,
      summary: 'One workflow: its steps, the stages they run in (several at once run in parallel), its input schema',
      request: { params: WorkflowParam },
      responses: { 200: jsonResponse(WorkflowSchema, 'The workflow'), ...commonErrors },
    }),
    (c) => c.json(getWorkflow(c.req.valid('param').workflowId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/{workflowId}/runs',
      tags,
      security,
      summary:
        'Start a run with `input` (checked against the workflow’s input schema): recorded QUEUED with its steps, then executed in the background, each step a recorded run of its agent',
      request: { params: WorkflowParam, body: jsonBody(workflowRunCreateSchema) },
      responses: {
        202: jsonResponse(
          z.object({ workflowRunId: z.string(), status: WorkflowRunSchema.shape.status }),
          'The run, queued',
        ),
        409: { ...commonErrors[400], description: 'An agent one of the steps needs is missing' },
        ...commonErrors,
      },
    }),
    async (c) => {
      const run = await startWorkflowRun(c.var.ctx, c.req.valid('param').workflowId, c.req.valid('json'));
      return c.json({ workflowRunId: run.id, status: run.status }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows/{workflowId}/runs',
      tags,
      security,
      summary: 'The workflow’s runs, newest first, optionally of one status, with cursor pagination',
      request: { params: WorkflowParam, query: workflowRunListQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ runs: z.array(WorkflowRunSchema), nextCursor: z.string().nullable() }),
          'A page of runs',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listWorkflowRuns(c.var.ctx, c.req.valid('param').workflowId, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows/{workflowId}/runs/{runId}',
      tags,
      security,
      summary: 'A run with its steps in the workflow’s order (status, input, output, error and the run of each)',
      request: { params: RunParam },
      responses: { 200: jsonResponse(WorkflowRunDetailSchema, 'The run'), ...commonErrors },
    }),
    async (c) => {
      const { workflowId, runId } = c.req.valid('param');
      return c.json(await getWorkflowRun(c.var.ctx, workflowId, runId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows/{workflowId}/runs/{runId}/stream',
      tags,
      security,
      summary:
        'The run’s progress as server-sent events: a `run` event with the run and its steps at once and whenever it changes; the stream ends once the run finished',
      request: { params: RunParam },
      responses: {
        200: { description: 'Server-sent events', content: { 'text/event-stream': { schema: z.string() } } },
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workflowId, runId } = c.req.valid('param');
      const stop = new AbortController();
      const progress = workflowRunProgress(c.var.ctx, workflowId, runId, { signal: stop.signal });
      // The first snapshot is read before the stream starts, so an unknown run is a plain 404.
      const first = await progress.next();
      return streamSSE(
        c,
        async (stream) => {
          stream.onAbort(() => stop.abort());
          let id = 0;
          for (let next = first; !next.done; next = await progress.next())
            await stream.writeSSE({ event: 'run', id: String(id++), data: JSON.stringify(next.value) });
        },
        // As onError answers an unexpected failure: logged with the request id, never sent.
        async (e, stream) => {
          const requestId = c.get('requestId');
          console.error(`[${requestId ?? '-'}] workflow run progress failed`, e);
          await stream.writeSSE({
            event: 'error',
            data: JSON.stringify(errorBody(c, 'INTERNAL_ERROR', 'Internal error')),
          });
        },
      ) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/{workflowId}/runs/{runId}/cancel',
      tags,
      security,
      summary:
        'Cancel a queued or running run: no further step starts, its unfinished steps are cancelled and so are the runs of the steps in flight',
      request: { params: RunParam },
      responses: {
        200: jsonResponse(WorkflowRunDetailSchema, 'The cancelled run'),
        409: conflictError,
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workflowId, runId } = c.req.valid('param');
      return c.json(await cancelWorkflowRun(c.var.ctx, workflowId, runId), 200);
    },
  );
