// Sends an alert to a destination: a signed webhook (JSON body; `x-trellis-signature: t=<unix>,v1=<hex>` where v1 is
// HMAC-SHA256 of "<t>.<body>" with the destination's secret) or a Slack incoming webhook. Outbound requests go
// through the same guard as web-fetch: no private addresses, bounded time and size, no redirects.
import { createHmac } from 'node:crypto';
import type { AgentAlert } from '@trellis/db';
import { type SafeFetchOptions, safeFetch } from '../tools/builtin/safe-fetch';

export interface Destination {
  kind: 'webhook' | 'slack';
  url: string;
  secret?: string;
}

/** The signature header for `body` at unix time `t`. */
export function signWebhook(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function alertPayload(alert: AgentAlert) {
  return {
    type: 'alert.created',
    alert: {
      id: alert.id,
      tenantId: alert.tenantId,
      agentId: alert.agentId,
      severity: alert.severity,
      source: alert.source,
      message: alert.message,
      metadata: alert.metadata,
      createdAt: alert.createdAt,
    },
  };
}

const slackText = (a: AgentAlert) =>
  `${a.severity === 'CRITICAL' ? ':rotating_light:' : a.severity === 'WARNING' ? ':warning:' : ':information_source:'} *${a.source}* ${a.message}`;

/** Delivers one alert; resolves with the HTTP status, throws when the destination cannot be reached. */
export async function deliverAlert(
  alert: AgentAlert,
  to: Destination,
  policy: Pick<SafeFetchOptions, 'allowlist' | 'timeoutMs'>,
  clock = () => new Date(),
) {
  const body = JSON.stringify(to.kind === 'slack' ? { text: slackText(alert) } : alertPayload(alert));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (to.kind === 'webhook' && to.secret)
    headers['x-trellis-signature'] = signWebhook(to.secret, body, Math.floor(clock().getTime() / 1000));
  const res = await safeFetch(to.url, {
    ...policy,
    maxBytes: 64 * 1024,
    maxRedirects: 0,
    method: 'POST',
    body,
    headers,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`${to.kind} destination answered ${res.status}`);
  return res.status;
}
