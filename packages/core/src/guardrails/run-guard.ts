// One run's guard: enforces the compiled policy in force on the run's input (before the model, memory and the
// stored run see it), its execution (duration, tool calls, cost) and its output (what is stored, and on a stream
// what is released: guarded-writer.ts), and tallies what each check did into the run's guardrail events.
import type { GuardrailEventType, JsonObject } from '@trellis/db';
import { TrellisError } from '../errors';
import type { RunMessage } from '../runs/extensions';
import type { StepObservation } from '../runs/trace';
import type { ToolCallRecord } from '../tools/registry';
import { type Check, type CompiledPolicy, type GuardrailKey, type Match, scan, snippet } from './checks';
import { checkInjection } from './injection';
import type { GuardMode } from './policy';
import { redact } from './redact';

/** The error of a run a guardrail stopped: GUARDRAIL_BLOCKED, naming the guardrail. */
export function guardrailBlocked(key: GuardrailKey, reason: string): TrellisError {
  return new TrellisError('GUARDRAIL_BLOCKED', `Blocked by guardrail ${key}: ${reason}`, {
    details: { guardrailKey: key, reason },
  });
}

export const isGuardrailBlock = (e: unknown): e is TrellisError =>
  e instanceof TrellisError && e.code === 'GUARDRAIL_BLOCKED';

/** A guardrail event of the run, as written with it. */
export interface GuardEvent {
  type: GuardrailEventType;
  guardrailKey: GuardrailKey;
  reason: string;
  inputSnippet: string | null;
  outputSnippet: string | null;
  scanJson: JsonObject;
}

const typeOf = (mode: GuardMode): GuardrailEventType =>
  mode === 'block' ? 'BLOCKED' : mode === 'redact' ? 'MODIFIED' : 'FLAGGED';
const severity: Record<GuardrailEventType, number> = { FLAGGED: 0, MODIFIED: 1, BLOCKED: 2 };

const what: Partial<Record<GuardrailKey, string>> = {
  'input.pii': 'personal data in the input',
  'input.injection': 'a prompt-injection attempt in the input',
  'input.blockedPatterns': 'a blocked pattern in the input',
  'output.pii': 'personal data in the answer',
  'output.secrets': 'a secret in the answer',
  'output.toxicity': 'toxic language in the answer',
  'output.blockedPatterns': 'a blocked pattern in the answer',
};
const done: Record<GuardrailEventType, string> = { BLOCKED: 'blocked', MODIFIED: 'redacted', FLAGGED: 'flagged' };

interface Tally {
  type: GuardrailEventType;
  /** The tiers that found something: `rules`, `llm`. */
  tiers: Set<string>;
  judge?: { name: string; reason: string };
  reason?: string;
  count: number;
  kinds: Map<string, number>;
  detectors: Set<string>;
  inputSnippet?: string;
  outputSnippet?: string;
  where: Set<string>;
}

/** What the input stage decided: the messages the model gets, the ones stored, and the refusal if any. */
export interface GuardedInput {
  messages: RunMessage[];
  stored: RunMessage[];
  blocked?: TrellisError;
}

/** What the output stage decided: the answer to store (null when withheld), the trace and tool calls to store. */
export interface GuardedOutput {
  text: string | null;
  blocked?: TrellisError;
  steps: StepObservation[];
  calls: ToolCallRecord[];
}

export class RunGuard {
  readonly #tallies = new Map<GuardrailKey, Tally>();
  #blocked: TrellisError | undefined;
  #toolCalls = 0;
  #costUsd = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #startedAt = performance.now();
  #scanMs = 0;

  constructor(readonly compiled: CompiledPolicy) {}

  get policy() {
    return this.compiled.policy;
  }

  /** The first refusal of the run (input, execution or output), if any. */
  get blocked(): TrellisError | undefined {
    return this.#blocked;
  }

  /** Records what a check did; a BLOCKED tally also becomes the run's refusal unless one came first. */
  note(
    key: GuardrailKey,
    type: GuardrailEventType,
    detail: {
      kind?: string;
      detector?: string;
      reason?: string;
      inputSnippet?: string;
      outputSnippet?: string;
      where?: string;
      tier?: 'rules' | 'llm';
      judge?: { name: string; reason: string };
    } = {},
  ): void {
    const tally: Tally = this.#tallies.get(key) ?? {
      type,
      tiers: new Set(),
      count: 0,
      kinds: new Map(),
      detectors: new Set(),
      where: new Set(),
    };
    if (severity[type] > severity[tally.type]) tally.type = type;
    tally.count++;
    if (detail.kind) tally.kinds.set(detail.kind, (tally.kinds.get(detail.kind) ?? 0) + 1);
    if (detail.detector) tally.detectors.add(detail.detector);
    if (detail.where) tally.where.add(detail.where);
    tally.tiers.add(detail.tier ?? 'rules');
    tally.judge ??= detail.judge;
    tally.reason ??= detail.reason;
    tally.inputSnippet ??= detail.inputSnippet;
    tally.outputSnippet ??= detail.outputSnippet;
    this.#tallies.set(key, tally);
    if (type === 'BLOCKED' && !this.#blocked) this.#blocked = guardrailBlocked(key, reasonOf(key, tally));
  }

  /** Runs a scan; a failing scan refuses the run (fail-closed) unless the policy allows it through unscanned. */
  scanned(checks: readonly Check[], text: string): Match[] {
    const t0 = performance.now();
    try {
      return scan(checks, text);
    } catch (e) {
      const allow = this.policy.onScanError === 'allow';
      this.note('scan.error', allow ? 'FLAGGED' : 'BLOCKED', {
        reason: `the guardrail scan failed (${(e as Error).message}); the run was ${allow ? 'let through unscanned, as the policy allows' : 'refused (fail-closed)'}`,
      });
      return [];
    } finally {
      this.#scanMs += performance.now() - t0;
    }
  }

  // ---- input ----

  /** guard-input: the length limit, injection heuristics, personal data and patterns of every message. */
  input(messages: RunMessage[]): GuardedInput {
    const { input } = this.policy;
    const total = messages.reduce((n, m) => n + m.content.length, 0);
    if (input.maxLength !== undefined && total > input.maxLength)
      this.note('input.maxLength', 'BLOCKED', {
        reason: `the input is ${total} characters; the limit is ${input.maxLength}`,
      });
    const sent: RunMessage[] = [];
    const stored: RunMessage[] = [];
    for (const message of messages) {
      const { content } = message;
      if (input.injection !== 'off') this.#injection(content, input.injection);
      const matches = this.scanned(this.compiled.input, content);
      for (const m of matches)
        this.note(m.check.key, typeOf(m.check.mode), {
          kind: m.span.kind,
          detector: m.check.detector,
          inputSnippet: snippet(this.compiled, content, m.span),
        });
      sent.push({ ...message, content: redactWhere(content, matches, ['redact']) });
      stored.push({ ...message, content: redactWhere(content, matches, ['redact', 'block']) });
    }
    return { messages: sent, stored, blocked: this.#blocked };
  }

  #injection(content: string, mode: GuardMode) {
    let result: ReturnType<typeof checkInjection>;
    const t0 = performance.now();
    try {
      result = checkInjection(content);
    } catch (e) {
      this.note('scan.error', this.policy.onScanError === 'allow' ? 'FLAGGED' : 'BLOCKED', {
        reason: `the injection check failed (${(e as Error).message})`,
      });
      return;
    } finally {
      this.#scanMs += performance.now() - t0;
    }
    for (const signal of result.signals) {
      const excerpt = signal.excerpt;
      this.note('input.injection', typeOf(mode), {
        kind: signal.encoding ? `${signal.rule} (${signal.encoding})` : signal.rule,
        detector: 'injection',
        inputSnippet: snippet(this.compiled, excerpt, { start: 0, end: excerpt.length }),
      });
    }
  }

  // ---- execution ----

  /** Starts the duration limit: when it passes, the run is aborted as blocked. */
  start(controller: AbortController): void {
    const { maxDurationMs } = this.policy.execution;
    if (maxDurationMs === undefined) return;
    this.#timer = setTimeout(
      () => this.stop(controller, 'execution.maxDurationMs', `the run took longer than ${maxDurationMs} ms`),
      maxDurationMs,
    );
    this.#timer.unref?.();
  }

  end(): void {
    clearTimeout(this.#timer);
  }

  /** Aborts the run as blocked by `key` (the first block wins). */
  stop(controller: AbortController, key: GuardrailKey, reason: string): void {
    this.note(key, 'BLOCKED', { reason });
    if (!controller.signal.aborted) controller.abort(this.#blocked);
  }

  /**
   * Aborts a streamed run whose output `key` blocks; the finish stage's scan of the answer records the event (with
   * what matched), so nothing is tallied here.
   */
  refuseOutput(controller: AbortController, key: GuardrailKey): void {
    this.#blocked ??= guardrailBlocked(key, what[key] ?? key);
    if (!controller.signal.aborted) controller.abort(this.#blocked);
  }

  /** Before each tool call: a call over the limit is not made, and the run is stopped. */
  beforeToolCall(controller: AbortController, toolKey: string): void {
    const { maxToolCalls } = this.policy.execution;
    this.#toolCalls++;
    if (maxToolCalls === undefined || this.#toolCalls <= maxToolCalls) return;
    this.stop(controller, 'execution.maxToolCalls', `the run asked for more than ${maxToolCalls} tool calls`);
    throw guardrailBlocked('execution.maxToolCalls', `tool call '${toolKey}' refused: over ${maxToolCalls} calls`);
  }

  /** After each model step, with that step's cost: the run is stopped once its cost passes the limit. */
  afterStep(controller: AbortController, stepCostUsd: number): void {
    const { maxCostUsd } = this.policy.execution;
    this.#costUsd += stepCostUsd;
    if (maxCostUsd !== undefined && this.#costUsd > maxCostUsd)
      this.stop(controller, 'execution.maxCostUsd', `the run cost more than $${maxCostUsd}`);
  }

  // ---- output ----

  /** Whether the output side can change or withhold anything (else a stream needs no hold-back). */
  get guardsOutput(): boolean {
    return (
      this.compiled.output.some((c) => c.mode === 'redact' || c.mode === 'block') ||
      this.policy.output.maxLength !== undefined
    );
  }

  /** The text parts of an answer cut to the length limit (counted over all parts), and whether anything was cut. */
  cut(parts: readonly string[]): string[] {
    const { maxLength } = this.policy.output;
    if (maxLength === undefined) return [...parts];
    let left = maxLength;
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = parts.map((p) => {
      const kept = cutAt(p, left);
      left -= kept.length;
      return kept;
    });
    if (total > maxLength)
      this.note('output.maxLength', 'MODIFIED', {
        reason: `the answer was cut at ${maxLength} characters (it had ${total})`,
      });
    return out;
  }

  /**
   * guard-output on the whole answer (its text parts as streamed, or the one text of a run), the trace's step
   * texts and the tool calls' data: what the client got on a stream equals what this stores, part by part.
   */
  output(parts: readonly string[], observed: { steps: StepObservation[]; calls: ToolCallRecord[] }): GuardedOutput {
    const texts = this.cut(parts).map((part) => {
      const matches = this.scanned(this.compiled.output, part);
      for (const m of matches)
        this.note(m.check.key, typeOf(m.check.mode), {
          kind: m.span.kind,
          detector: m.check.detector,
          outputSnippet: snippet(this.compiled, part, m.span),
        });
      return redactWhere(part, matches, ['redact', 'block']);
    });
    const blocked = this.#blocked;
    return {
      text: blocked && isOutputBlock(blocked) ? null : texts.join(''),
      blocked,
      steps: observed.steps.map((s) => ({ ...s, text: this.redactText(s.text) })),
      calls: observed.calls.map((c) => ({
        ...c,
        input: this.redactData(c.input),
        output: this.redactData(c.output, true),
      })),
    };
  }

  /** `text` with every redact- or block-mode output match replaced (the trace, memory). */
  redactText(text: string): string {
    return redactWhere(text, this.scanned(this.compiled.output, text), ['redact', 'block']);
  }

  /** Tool data with the output checks' redactions applied to every string in it; counted as MODIFIED, never blocks. */
  redactData(value: unknown, count = false): unknown {
    if (typeof value === 'string') {
      const matches = this.scanned(this.compiled.output, value).filter(
        (m) => m.check.mode === 'redact' || m.check.mode === 'block',
      );
      if (count)
        for (const m of matches)
          this.note(m.check.key, 'MODIFIED', { kind: m.span.kind, detector: m.check.detector, where: 'tool data' });
      return matches.length
        ? redact(
            value,
            matches.map((m) => m.span),
          ).text
        : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.redactData(v, count));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactData(v, count)]));
    return value;
  }

  // ---- the LLM-judged tier ----

  /**
   * Records the judge's verdict on a whole message. A flagged answer already streamed can only be flagged; otherwise
   * a check in block mode blocks (redact has no span to replace, so it flags).
   */
  judged(
    key: 'input.injection' | 'output.toxicity',
    verdict: { flagged: boolean; reason: string },
    judgeName: string,
    text: string,
    options: { streamed?: boolean } = {},
  ): void {
    if (!verdict.flagged) return;
    const mode = key === 'input.injection' ? this.policy.input.injection : this.policy.output.toxicity;
    const type = mode === 'block' && !options.streamed ? 'BLOCKED' : 'FLAGGED';
    const excerpt = snippet(this.compiled, text, { start: 0, end: 0 });
    this.note(key, type, {
      kind: options.streamed ? 'llm (after the stream was sent)' : 'llm',
      detector: `llm:${judgeName}`,
      tier: 'llm',
      judge: { name: judgeName, reason: verdict.reason },
      ...(key === 'input.injection' ? { inputSnippet: excerpt } : { outputSnippet: excerpt }),
    });
  }

  /**
   * The judge could not answer: a scan error, refused or let through as the policy says — flagged for an answer
   * already streamed, which cannot be withheld any more.
   */
  judgeFailed(error: unknown, options: { streamed?: boolean } = {}): void {
    const allow = this.policy.onScanError === 'allow' || options.streamed === true;
    this.note('scan.error', allow ? 'FLAGGED' : 'BLOCKED', {
      tier: 'llm',
      reason: `${(error as Error).message}; the run was ${options.streamed ? 'already streamed' : allow ? 'let through unjudged, as the policy allows' : 'refused (fail-closed)'}`,
    });
  }

  // ---- events ----

  /** One event per guardrail that acted, recording the scan that really ran. */
  events(): GuardEvent[] {
    const { versions } = this.compiled;
    return [...this.#tallies].map(([key, t]) => ({
      type: t.type,
      guardrailKey: key,
      reason: `${reasonOf(key, t)} (${done[t.type]})`,
      inputSnippet: t.inputSnippet ?? null,
      outputSnippet: t.outputSnippet ?? null,
      scanJson: {
        tier: [...t.tiers].join('+'),
        ...(t.judge ? { judge: t.judge } : {}),
        detectors: [...t.detectors],
        matches: Object.fromEntries(t.kinds),
        count: t.count,
        ...(t.where.size ? { where: [...t.where] } : {}),
        policyVersions: versions,
        alert: this.policy.alerts === 'all' || (this.policy.alerts === 'blocked' && t.type === 'BLOCKED'),
        scanMs: Math.round(this.#scanMs * 1000) / 1000,
        runMs: Math.round(performance.now() - this.#startedAt),
      },
    }));
  }
}

const isOutputBlock = (e: TrellisError) => String(e.details?.guardrailKey ?? '').startsWith('output.');

function reasonOf(key: GuardrailKey, t: Pick<Tally, 'reason' | 'kinds'>): string {
  if (t.reason) return t.reason;
  const kinds = [...t.kinds].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  return `${what[key] ?? key}${kinds ? `: ${kinds}` : ''}`;
}

/** `text` with the matches of checks in one of `modes` redacted. */
function redactWhere(text: string, matches: readonly Match[], modes: readonly GuardMode[]): string {
  const spans = matches.filter((m) => modes.includes(m.check.mode)).map((m) => m.span);
  return spans.length ? redact(text, spans).text : text;
}

/** The first `n` characters of `text`, not splitting a surrogate pair. */
function cutAt(text: string, n: number): string {
  if (n <= 0) return '';
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}
