// Failed sign-ins slow an attacker down: after SIGN_IN_MAX_FAILURES wrong passwords for one account within 15
// minutes — or four times as many from one client address — further attempts are refused with 429 and Retry-After
// until that window ends, even with the right password. Counted in the counter it is given (shared by the web
// processes on PostgreSQL, http/rate-limit-sync.ts); a successful sign-in clears the account's count. The client address comes from the HTTP layer in an internal header (set there, never trusted
// from the client).
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { WindowCounter } from './http/rate-limit';

export const CLIENT_ADDRESS_HEADER = 'x-trellis-client-address';

export function signInGuard(maxFailures: number, failures: WindowCounter) {
  const keysOf = (body: unknown, headers: Headers | undefined) => {
    const email = String((body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase();
    return { account: `account:${email}`, address: `address:${headers?.get(CLIENT_ADDRESS_HEADER) ?? 'unknown'}` };
  };
  const isSignIn = (ctx: { path?: string }) => ctx.path === '/sign-in/email';
  return {
    id: 'trellis-sign-in-guard',
    hooks: {
      before: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const { account, address } = keysOf(ctx.body, ctx.request?.headers ?? ctx.headers);
            const byAccount = failures.peek(account);
            const byAddress = failures.peek(address);
            const blocked =
              byAccount.count >= maxFailures ? byAccount : byAddress.count >= maxFailures * 4 ? byAddress : null;
            if (!blocked) return;
            const seconds = Math.max(1, Math.ceil(blocked.resetMs / 1000));
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { code: 'RATE_LIMITED', message: `Too many failed sign-ins: try again in ${seconds} s` },
              { 'retry-after': String(seconds) },
            );
          }),
        },
      ],
      after: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const { account, address } = keysOf(ctx.body, ctx.request?.headers ?? ctx.headers);
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              if (returned.statusCode === 401) {
                failures.hit(account);
                failures.hit(address);
              }
            } else failures.reset(account);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
