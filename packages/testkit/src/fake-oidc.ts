// A fake OpenID Connect provider on 127.0.0.1 for sign-in tests: discovery, an authorization endpoint that signs the
// configured user in at once (redirecting back with a code), a token endpoint that checks the client's secret, the
// redirect URI and the PKCE verifier and answers an RS256 id_token carrying the request's nonce, userinfo and JWKS.
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOidcUser {
  sub: string;
  email: string;
  name: string;
  emailVerified?: boolean;
}

export interface FakeOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorization signs in as. */
  user: FakeOidcUser;
  /** Token requests refused so far (wrong secret, code, redirect URI or verifier). */
  refused: string[];
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

export async function startFakeOidc(user: FakeOidcUser): Promise<FakeOidc> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(6).toString('hex');
  const codes = new Map<string, { redirectUri: string; nonce?: string; challenge?: string; user: FakeOidcUser }>();
  const accessTokens = new Map<string, FakeOidcUser>();
  const state = {
    issuer: '',
    clientId: 'trellis-test-client',
    clientSecret: `secret-${randomBytes(8).toString('hex')}`,
    user,
    refused: [] as string[],
  };
  const sign = (claims: Record<string, unknown>) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
    return `${head}.${body}.${b64url(signature)}`;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        userinfo_endpoint: `${state.issuer}/userinfo`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') {
      return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== state.clientId || q.get('response_type') !== 'code') {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        redirectUri: q.get('redirect_uri') ?? '',
        nonce: q.get('nonce') ?? undefined,
        challenge: q.get('code_challenge') ?? undefined,
        user: state.user,
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state') as string);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = await formBody(req);
      const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      const grant = codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier');
      const problem =
        id !== state.clientId || secret !== state.clientSecret
          ? 'client authentication failed'
          : !grant
            ? 'unknown or used code'
            : grant.redirectUri !== form.get('redirect_uri')
              ? 'redirect_uri mismatch'
              : grant.challenge &&
                  (!verifier || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge)
                ? 'PKCE verification failed'
                : undefined;
      if (problem || !grant) {
        state.refused.push(problem ?? 'refused');
        return json(400, { error: 'invalid_grant', error_description: problem });
      }
      codes.delete(form.get('code') ?? '');
      const now = Math.floor(Date.now() / 1000);
      const accessToken = randomBytes(16).toString('hex');
      accessTokens.set(accessToken, grant.user);
      const idToken = sign({
        iss: state.issuer,
        aud: state.clientId,
        sub: grant.user.sub,
        email: grant.user.email,
        email_verified: grant.user.emailVerified ?? true,
        name: grant.user.name,
        iat: now,
        exp: now + 300,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      });
      return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    if (url.pathname === '/userinfo') {
      const who = accessTokens.get(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
      if (!who) return json(401, { error: 'invalid_token' });
      return json(200, { sub: who.sub, email: who.email, email_verified: who.emailVerified ?? true, name: who.name });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
