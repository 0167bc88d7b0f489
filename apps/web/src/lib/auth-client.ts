// Better Auth's browser client: sessions, organizations (tenants) and organization API keys.
import { apiKeyClient } from '@better-auth/api-key/client';
import { organizationClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient({
  basePath: '/api/auth',
  plugins: [organizationClient(), apiKeyClient()],
});

export type Session = typeof authClient.$Infer.Session;
