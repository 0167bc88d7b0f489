// Outbound HTTP that cannot reach private networks: every hop's host is resolved, each resolved address must be
// public unicast, and the socket connects to exactly the address that was checked (no DNS-rebinding window).
// Redirects are followed by hand so every hop is checked; bodies and time are capped.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class BlockedAddressError extends Error {
  readonly code = 'BLOCKED_ADDRESS';
}

export interface SafeFetchOptions {
  allowlist: string[];
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  signal?: AbortSignal;
  /** GET by default; webhooks POST a body (use maxRedirects 0 so a body is never replayed elsewhere). */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export interface SafeFetchResult {
  url: string;
  status: number;
  contentType: string;
  body: string;
  truncated: boolean;
  redirects: string[];
}

/**
 * True when `address` is a public unicast address (IPv4-mapped IPv6 is judged as its IPv4 address). The deprecated
 * IPv4-compatible block ::/96 (`::127.0.0.1`), which ipaddr.js calls unicast, is never public.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return parsed.range() === 'unicast';
}

const hostKey = (url: URL) =>
  `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;

/** A DNS lookup that fails when `hostname` resolves to any non-public address (unless `allowed`). */
export function guardedLookup(allowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const blocked = allowed ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (blocked) {
        return callback(
          new BlockedAddressError(`${hostname} resolves to a non-public address (${blocked.address})`),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedAddressError(`'${raw}' is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedAddressError(`only http and https URLs are allowed, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new BlockedAddressError('URLs with credentials are not allowed');
  return url;
}

function requestOnce(url: URL, options: SafeFetchOptions) {
  const allowed = options.allowlist.includes(hostKey(url));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !allowed && !isPublicAddress(host)) {
    return Promise.reject(new BlockedAddressError(`${host} is not a public address`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; truncated: boolean }>(
    (resolveOnce, rejectOnce) => {
      let deadline: NodeJS.Timeout | undefined;
      const resolve: typeof resolveOnce = (value) => {
        clearTimeout(deadline);
        resolveOnce(value);
      };
      const reject = (err: unknown) => {
        clearTimeout(deadline);
        rejectOnce(err);
      };
      const req = client.request(
        url,
        {
          method: options.method ?? 'GET',
          lookup: guardedLookup(allowed),
          timeout: options.timeoutMs,
          signal: options.signal,
          headers: {
            'user-agent': 'Trellis/1.0',
            accept: 'text/html,application/json,text/plain,*/*',
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          let truncated = false;
          res.on('data', (chunk: Buffer) => {
            if (truncated) return;
            const room = options.maxBytes - size;
            if (chunk.length > room) {
              chunks.push(chunk.subarray(0, room));
              size = options.maxBytes;
              truncated = true;
              res.destroy();
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`request timed out after ${options.timeoutMs} ms`)));
      // `timeout` above only bounds socket inactivity; this deadline bounds the whole exchange (a trickling body too).
      deadline = setTimeout(() => {
        const err = new Error(`request timed out after ${options.timeoutMs} ms`);
        reject(err);
        req.destroy(err);
      }, options.timeoutMs);
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

/** GETs `rawUrl` under the SSRF policy, following up to `maxRedirects` redirects, each checked like the first. */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const { body, ...rest } = await safeFetchBytes(rawUrl, options);
  return { ...rest, body: body.toString('utf8') };
}

/** `safeFetch` with the body as bytes (images, files). */
export async function safeFetchBytes(
  rawUrl: string,
  options: SafeFetchOptions,
): Promise<Omit<SafeFetchResult, 'body'> & { body: Buffer }> {
  let url = checkUrl(rawUrl);
  const redirects: string[] = [];
  for (;;) {
    const res = await requestOnce(url, options);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      if (redirects.length >= options.maxRedirects) throw new Error(`more than ${options.maxRedirects} redirects`);
      url = checkUrl(new URL(location, url).toString());
      redirects.push(url.toString());
      continue;
    }
    return {
      url: url.toString(),
      status: res.status,
      contentType: String(res.headers['content-type'] ?? ''),
      body: res.body,
      truncated: res.truncated,
      redirects,
    };
  }
}
