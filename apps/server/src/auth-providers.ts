// Sign-in providers beyond email and password, each configured by environment variables: GitHub and Google
// (Better Auth's social providers) and any OpenID Connect provider (its generic OAuth plugin, from the provider's
// discovery document, with PKCE, and the id_token checked against the provider's keys and the request's nonce).
// A user who signs in this way for the first time gets an organization, like one who signs up.
import type { Env } from '@trellis/core';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';

/** A provider the sign-in screen offers; all are used through Better Auth's `sign-in/social` and `callback/<id>`. */
export interface SignInProvider {
  id: string;
  name: string;
}

type ProviderEnv = Pick<
  Env,
  | 'GITHUB_CLIENT_ID'
  | 'GITHUB_CLIENT_SECRET'
  | 'GOOGLE_CLIENT_ID'
  | 'GOOGLE_CLIENT_SECRET'
  | 'OIDC_ISSUER_URL'
  | 'OIDC_CLIENT_ID'
  | 'OIDC_CLIENT_SECRET'
  | 'OIDC_NAME'
>;

/** The providers this deployment offers, for the sign-in screen. */
export function signInProviders(env: ProviderEnv): SignInProvider[] {
  return [
    ...(env.GITHUB_CLIENT_ID ? [{ id: 'github', name: 'GitHub' }] : []),
    ...(env.GOOGLE_CLIENT_ID ? [{ id: 'google', name: 'Google' }] : []),
    ...(env.OIDC_ISSUER_URL ? [{ id: 'oidc', name: env.OIDC_NAME }] : []),
  ];
}

/** Better Auth's `socialProviders` option. */
export function socialProviders(env: ProviderEnv) {
  return {
    ...(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? { github: { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET } }
      : {}),
    ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
      ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
      : {}),
  };
}

/** The generic OpenID Connect plugin, when an issuer is configured. */
export function openIdConnectPlugins(env: ProviderEnv) {
  if (!env.OIDC_ISSUER_URL || !env.OIDC_CLIENT_ID) return [];
  const issuer = env.OIDC_ISSUER_URL.replace(/\/$/, '');
  return [
    genericOAuth({
      config: [
        {
          providerId: 'oidc',
          discoveryUrl: `${issuer}/.well-known/openid-configuration`,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          scopes: ['openid', 'email', 'profile'],
          pkce: true,
        },
      ],
    }),
  ];
}
