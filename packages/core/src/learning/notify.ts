// Learning's alerts: a LEARNING alert in Trellis (delivered to the organization's destinations like any alert) and,
// when SLACK_BOT_TOKEN and SLACK_ALERTS_CHANNEL are set, a message to that channel through Slack's Web API
// (chat.postMessage). Raised once per dedupe key, so a retried job neither repeats the alert nor the message; a Slack
// failure is recorded on the alert and never fails the job.

import { WebClient } from '@slack/web-api';
import type { AgentAlert } from '@trellis/db';
import { AlertStore } from '../alerts/alert-store';
import { type RaiseAlert, raiseAlert } from '../alerts/service';
import type { ServiceContext } from '../context';

export type LearningAlertKind = 'regression' | 'auto-promotion' | 'timeout';

const severityOf: Record<LearningAlertKind, AgentAlert['severity']> = {
  regression: 'WARNING',
  'auto-promotion': 'INFO',
  timeout: 'INFO',
};

export async function alertLearning(
  ctx: ServiceContext,
  kind: LearningAlertKind,
  input: { agentId: string; agentSlug: string; subjectId: string; message: string; metadata?: Record<string, unknown> },
): Promise<AgentAlert | null> {
  const alert: RaiseAlert = {
    agentId: input.agentId,
    severity: severityOf[kind],
    source: 'LEARNING',
    message: input.message,
    dedupeKey: `learning:${kind}:${input.subjectId}`,
    metadata: { kind, ...input.metadata },
  };
  const raised = await raiseAlert(ctx, alert);
  if (!raised) return null;
  const slack = await postToSlack(ctx, `[Trellis · ${input.agentSlug}] ${input.message}`);
  if (slack) await AlertStore.of(ctx).mergeMetadata(raised.id, { slack });
  return raised;
}

/** Posts to the alerts channel; the outcome as a short string, or null when Slack is not configured. */
async function postToSlack(ctx: ServiceContext, text: string): Promise<string | null> {
  const { SLACK_BOT_TOKEN: token, SLACK_ALERTS_CHANNEL: channel, SLACK_API_URL } = ctx.runtime.config.env;
  if (!token || !channel) return null;
  const client = new WebClient(token, {
    ...(SLACK_API_URL ? { slackApiUrl: SLACK_API_URL.endsWith('/') ? SLACK_API_URL : `${SLACK_API_URL}/` } : {}),
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    timeout: 10_000,
  });
  try {
    const res = await client.chat.postMessage({ channel, text });
    return `delivered (${res.ts ?? 'ok'})`;
  } catch (e) {
    const message = (e as Error).message.slice(0, 200);
    console.warn(`[learning] Slack alert failed: ${message}`);
    return `failed: ${message}`;
  }
}
