// /api/instance (public): what the sign-in screen needs before anyone is signed in — whether this install has any
// user yet (the first visit leads to sign-up), the sign-in providers it offers besides email, whether it sends email
// (or only writes links to its log), and the version.
import { createRoute, z } from '@hono/zod-openapi';
import { type Db, user } from '@trellis/db';
import type { SignInProvider } from '../auth-providers';
import { createRouter, jsonResponse } from '../http/openapi';

const InstanceSchema = z
  .object({
    version: z.string(),
    hasUsers: z.boolean(),
    signInProviders: z.array(z.object({ id: z.string(), name: z.string() })),
    email: z.enum(['smtp', 'log']).openapi({
      description:
        'smtp: invitations, verification and reset links are emailed; log: they are only written to the server log',
    }),
  })
  .openapi('Instance');

export function instanceRoutes(
  db: Db,
  version: string,
  providers: SignInProvider[] = [],
  email: 'smtp' | 'log' = 'log',
) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/api/instance',
      tags: ['System'],
      summary: 'Public facts about this install',
      responses: { 200: jsonResponse(InstanceSchema, 'Instance') },
    }),
    async (c) => {
      const [any] = await db.select({ id: user.id }).from(user).limit(1);
      return c.json({ version, hasUsers: !!any, signInProviders: providers, email }, 200);
    },
  );
}
