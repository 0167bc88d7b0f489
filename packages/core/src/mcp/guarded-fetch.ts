// The fetch an organization's HTTP/SSE MCP server is reached with: web-fetch's private-address rules on every
// connection (each resolved address must be public, and the socket connects to the address checked), no redirects,
// unless the host is on the operator's allowlist or an admin allowed the server to reach private addresses.
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { BlockedAddressError, guardedLookup, isPublicAddress } from '../tools/builtin/safe-fetch';

const publicOnly = new Agent({ connect: { lookup: guardedLookup(false) } });

const hostKey = (url: URL) =>
  `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;

/** Throws BlockedAddressError for a URL the rules refuse before any connection (scheme, credentials, literal IP). */
export function checkMcpUrl(raw: string | URL, allowlist: string[]): URL {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BlockedAddressError(`only http and https URLs are allowed, not ${url.protocol}`);
  if (url.username || url.password) throw new BlockedAddressError('URLs with credentials are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !allowlist.includes(hostKey(url)) && !isPublicAddress(host))
    throw new BlockedAddressError(`${host} is not a public address`);
  return url;
}

/** A fetch that may reach only public addresses (or the allowlisted hosts), following no redirect. */
export function guardedFetch(allowlist: string[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = checkMcpUrl(input instanceof Request ? input.url : input, allowlist);
    const allowed = allowlist.includes(hostKey(url));
    return undiciFetch(url, {
      ...(init as object),
      redirect: 'error',
      ...(allowed ? {} : { dispatcher: publicOnly }),
    });
  }) as unknown as typeof fetch;
}
