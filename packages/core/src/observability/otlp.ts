// Optional OTLP/HTTP JSON export of a finished run's trace to an OpenTelemetry collector, from the run-completed
// job: one root span per run and one child span per trace step, carrying timings, tokens and tool names only.
import { createHash } from 'node:crypto';
import type { AgentRun } from '@trellis/db';
import type { Env } from '../config';
import type { ServiceContext } from '../context';
import { RecordedRuns } from '../runs/recorded-runs-store';

/** Where and how to send spans; absent when no OTLP endpoint is configured. */
export interface OtlpSettings {
  url: string;
  headers: Record<string, string>;
  serviceName: string;
}

/** How long one export may take before it is abandoned. */
export const OTLP_TIMEOUT_MS = 5000;

/** The export settings from the standard OTEL_* variables, or undefined when export is off. */
export function otlpSettings(env: Env): OtlpSettings | undefined {
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT && `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (!url) return undefined;
  return { url, headers: parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), serviceName: env.OTEL_SERVICE_NAME };
}

/** `k=v,k2=v2` (the OTEL_EXPORTER_OTLP_HEADERS format; values percent-decoded) → a header record. */
export function parseHeaders(spec = ''): Record<string, string> {
  const pairs = spec
    .split(',')
    .map((pair) => pair.split('='))
    .filter(([k, ...v]) => k.trim() && v.length)
    .map(([k, ...v]) => [k.trim(), decodeURIComponent(v.join('=').trim())]);
  return Object.fromEntries(pairs);
}

type AttributeValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
type Attribute = { key: string; value: AttributeValue };

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attribute[];
  status: { code: number };
}

/** OTLP SpanKind and StatusCode numbers (opentelemetry-proto trace.proto). */
const SPAN_KIND = { internal: 1, client: 3 } as const;
const STATUS = { unset: 0, ok: 1, error: 2 } as const;

function attribute(key: string, value: string | number | boolean | null | undefined): Attribute[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [{ key, value: { stringValue: value } }];
  if (typeof value === 'boolean') return [{ key, value: { boolValue: value } }];
  return [{ key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } }];
}

/** Ids derived from the run id, so a re-delivered job re-sends the same spans rather than new ones. */
const hexId = (seed: string, bytes: number) =>
  createHash('sha256')
    .update(seed)
    .digest('hex')
    .slice(0, bytes * 2);
const nanos = (at: Date) => (BigInt(at.getTime()) * 1_000_000n).toString();

interface StepInput {
  stepNumber: number;
  type: string;
  startedAt: Date | null;
  durationMs: number | null;
  toolKey?: string;
}

/** The spans of one run: a root `agent.run <slug>` and a child per step (`gen_ai.chat` or `tool <name>`). */
export function runSpans(run: AgentRun, steps: StepInput[]): OtlpSpan[] {
  const traceId = hexId(`trace:${run.id}`, 16);
  const rootId = hexId(`span:${run.id}`, 8);
  const start = run.startedAt ?? run.createdAt;
  const end = run.completedAt ?? new Date(start.getTime() + (run.durationMs ?? 0));
  const root: OtlpSpan = {
    traceId,
    spanId: rootId,
    name: `agent.run ${run.agentSlug}`,
    kind: SPAN_KIND.internal,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(end),
    attributes: [
      ...attribute('trellis.run.id', run.id),
      ...attribute('trellis.tenant.id', run.tenantId),
      ...attribute('trellis.agent.slug', run.agentSlug),
      ...attribute('gen_ai.system', run.modelProvider),
      ...attribute('gen_ai.request.model', run.modelName),
      ...attribute('gen_ai.usage.input_tokens', run.promptTokens),
      ...attribute('gen_ai.usage.output_tokens', run.completionTokens),
      ...attribute('trellis.cost.usd', run.costUsd),
      ...attribute('trellis.run.status', run.status),
    ],
    status: { code: run.status === 'COMPLETED' ? STATUS.ok : run.status === 'FAILED' ? STATUS.error : STATUS.unset },
  };
  const children = steps.map((step): OtlpSpan => {
    const stepStart = step.startedAt ?? start;
    const isTool = step.type === 'tool-call';
    return {
      traceId,
      spanId: hexId(`span:${run.id}:${step.stepNumber}`, 8),
      parentSpanId: rootId,
      name: isTool ? `tool ${step.toolKey ?? 'unknown'}` : 'gen_ai.chat',
      kind: isTool ? SPAN_KIND.internal : SPAN_KIND.client,
      startTimeUnixNano: nanos(stepStart),
      endTimeUnixNano: nanos(new Date(stepStart.getTime() + (step.durationMs ?? 0))),
      attributes: [
        ...attribute('trellis.step.number', step.stepNumber),
        ...(isTool ? attribute('gen_ai.tool.name', step.toolKey) : attribute('gen_ai.request.model', run.modelName)),
      ],
      status: { code: STATUS.unset },
    };
  });
  return [root, ...children];
}

/** The OTLP ExportTraceServiceRequest (JSON encoding) for a set of spans. */
export function exportRequest(spans: OtlpSpan[], serviceName: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attribute('service.name', serviceName) },
        scopeSpans: [{ scope: { name: '@trellis/core' }, spans }],
      },
    ],
  };
}

export type OtlpExportResult =
  | { outcome: 'exported'; spans: number }
  | { outcome: 'skipped' | 'failed'; reason: string };

/**
 * Sends a finished run's trace to the configured collector (within OTLP_TIMEOUT_MS): the run's figures, step
 * timings and tool names — never step contents (runSpans picks its fields) — and never throws: a failure is reported
 * in the result.
 */
export async function exportRunTrace(
  ctx: ServiceContext,
  runId: string,
  settings = otlpSettings(ctx.runtime.config.env),
): Promise<OtlpExportResult> {
  if (!settings) return { outcome: 'skipped', reason: 'OTLP export is not configured' };
  try {
    const detail = await RecordedRuns.of(ctx).detail(runId);
    if (!detail?.trace) return { outcome: 'skipped', reason: 'run or trace not found' };
    const { trace, toolCalls: calls, ...run } = detail;
    const steps = trace.steps;
    const toolAt = new Map(calls.map((c) => [c.stepNumber, c.toolKey]));
    const spans = runSpans(
      run,
      steps.map((s) => ({ ...s, toolKey: toolAt.get(s.stepNumber) })),
    );
    const res = await fetch(settings.url, {
      method: 'POST',
      headers: { ...settings.headers, 'content-type': 'application/json' },
      body: JSON.stringify(exportRequest(spans, settings.serviceName)),
      signal: AbortSignal.timeout(OTLP_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) return { outcome: 'failed', reason: `collector answered ${res.status}` };
    return { outcome: 'exported', spans: spans.length };
  } catch (e) {
    return { outcome: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}
