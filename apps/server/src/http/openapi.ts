// The OpenAPIHono flavour every route module uses: typed variables, request validation failures answered in our
// error format, and the shared schemas (errors, id parameters) of the API document.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Access, ServiceContext } from '@trellis/core';
import { errorBody, zodDetails } from './errors';

export type AppEnv = {
  Variables: {
    ctx: ServiceContext;
    /** What the caller may do: its role in the organization, or its API key's scopes. */
    access: Access;
    requestId: string;
    user?: { id: string; email: string; name: string };
  };
};

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const { message, issues } = zodDetails(result.error);
        return c.json(errorBody(c, 'VALIDATION_FAILED', message, { issues }), 400);
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses every authenticated route can give. */
export const commonErrors = {
  400: errorResponse('Invalid input: the message names the field'),
  401: errorResponse('Not signed in and no valid API key'),
  403: errorResponse("The caller's role (or API key scope) does not allow this: the message names what it needs"),
  404: errorResponse('Not found in this organization'),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description = 'JSON body') => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * Names a schema as an OpenAPI component. Schemas built before @hono/zod-openapi loaded (the drizzle-zod ones) lack
 * `.openapi`, so the schema is re-created first.
 */
export const component = <T extends z.ZodObject>(schema: T, name: string) => schema.extend({}).openapi(name);

export const AgentIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Agent id or slug', example: 'assistant' }),
});

/** A path parameter holding an id (1–200 characters). */
export const pathId = (name: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' } });

/** An agent's run: `{id}` the agent, `{runId}` the run. */
export const RunIdParam = AgentIdParam.extend({ runId: pathId('runId') });

export const security: Array<Record<string, string[]>> = [{ session: [] }, { apiKey: [] }];
