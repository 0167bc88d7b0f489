// Authentication with Better Auth: email/password sessions, organizations (an organization is a tenant; the first
// sign-up creates the user's own), and organization-owned API keys for programmatic calls. Its writes are audited.
import { apiKey } from '@better-auth/api-key';
import { account, apikey, type Db, invitation, member, organization, session, user, verification } from '@trellis/db';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization as organizationPlugin } from 'better-auth/plugins/organization';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { authAudit } from './auth-audit';
import { openIdConnectPlugins, socialProviders } from './auth-providers';
import { accessControl, apiKeyScopesPlugin, organizationRoles } from './auth-roles';
import { CLIENT_ADDRESS_HEADER, signInGuard } from './auth-sign-in-guard';
import { createRateLimitCounters, type WindowCounter } from './http/rate-limit';
import { type Mailer, messages } from './mail';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseURL: string;
  /** Called once for every new organization (seeding its agents). */
  onOrganizationCreated: (organizationId: string) => Promise<void>;
  /** Called after an API key was updated or revoked (every process drops the keys it verified). */
  onApiKeyChanged?: () => Promise<void>;
  trustedOrigins?: string[];
  /** Silence Better Auth's own logging (tests). */
  quiet?: boolean;
  /** Failed sign-ins per account in 15 minutes before attempts wait (auth-sign-in-guard.ts). */
  signInMaxFailures?: number;
  /** Where failed sign-ins are counted (shared by the web processes on PostgreSQL); a new counter when absent. */
  signInFailures?: WindowCounter;
  /** How verification links, password resets and invitations are sent (mail.ts). */
  mailer: Mailer;
  /** Sign-in needs a verified email address. */
  requireEmailVerification?: boolean;
  /** GitHub, Google and OpenID Connect sign-in settings (auth-providers.ts). */
  providers?: Parameters<typeof socialProviders>[0];
}

export const API_KEY_PREFIX = 'trl_';

const orgSlug = (email: string) =>
  `${
    email
      .split('@')[0]
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30) || 'org'
  }-${crypto.randomUUID().slice(0, 8)}`;

/** The user's membership (with their role) of `organizationId`, or without one their first (oldest), if any. */
export async function membershipOf(db: Db, userId: string, organizationId?: string) {
  const [row] = await db
    .select({ organizationId: member.organizationId, role: member.role })
    .from(member)
    .where(and(eq(member.userId, userId), organizationId ? eq(member.organizationId, organizationId) : undefined))
    .orderBy(asc(member.createdAt))
    .limit(1);
  return row;
}

/** The first organization `userId` belongs to (oldest membership), if any. */
export async function firstOrganizationOf(db: Db, userId: string): Promise<string | undefined> {
  return (await membershipOf(db, userId))?.organizationId;
}

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const audit = authAudit(db, options.onApiKeyChanged);
  const auth = betterAuth({
    appName: 'Trellis',
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    logger: { disabled: options.quiet ?? false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user, session, account, verification, organization, member, invitation, apikey },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: 8,
      requireEmailVerification: options.requireEmailVerification ?? false,
      // A reset signs the account out everywhere.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, url }) => options.mailer.send(messages.resetPassword(user.email, url)),
    },
    socialProviders: options.providers ? socialProviders(options.providers) : {},
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: ({ user, url }) => options.mailer.send(messages.verifyEmail(user.email, url)),
    },
    rateLimit: { enabled: false },
    // The client's address as the HTTP layer determined it (app.ts), for the sessions list.
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    plugins: [
      organizationPlugin({
        ac: accessControl,
        roles: organizationRoles,
        sendInvitationEmail: ({ id, email, organization: org, inviter, role }) =>
          options.mailer.send(
            messages.invitation(
              email,
              org.name,
              inviter.user.name || inviter.user.email,
              role,
              `${options.baseURL}/accept-invitation/${id}`,
            ),
          ),
        organizationHooks: {
          ...audit.organizationHooks,
          afterCreateOrganization: async (data) => {
            await audit.organizationHooks.afterCreateOrganization(data);
            await options.onOrganizationCreated(data.organization.id);
          },
        },
      }),
      apiKey({
        references: 'organization',
        defaultPrefix: API_KEY_PREFIX,
        enableMetadata: true,
        rateLimit: { enabled: false },
      }),
      ...(options.providers ? openIdConnectPlugins(options.providers) : []),
      apiKeyScopesPlugin,
      signInGuard(options.signInMaxFailures ?? 5, options.signInFailures ?? createRateLimitCounters().signInFailures),
      audit.plugin,
    ],
    databaseHooks: {
      user: {
        create: {
          // Every new user gets an organization of their own: their first tenant.
          after: async (created) => {
            const org = await auth.api.createOrganization({
              body: {
                name: `${created.name || created.email.split('@')[0]}'s organization`,
                slug: orgSlug(created.email),
                userId: created.id,
              },
            });
            // The sign-up session may already exist (hooks run after it): make the new organization its active one.
            if (org) {
              await db
                .update(session)
                .set({ activeOrganizationId: org.id })
                .where(and(eq(session.userId, created.id), isNull(session.activeOrganizationId)));
            }
          },
        },
      },
      session: {
        create: {
          // A new session starts in the user's first organization.
          before: async (s) => ({
            data: {
              ...s,
              activeOrganizationId: s.activeOrganizationId ?? (await firstOrganizationOf(db, s.userId)) ?? null,
            },
          }),
        },
      },
    },
  });
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;
