// The output guard of a stream: a UI message writer in front of the client's. Each text (and reasoning) part passes
// through a hold-back stream guard (stream-guard.ts), so a match is redacted — or the stream withheld from it on —
// before any character of it leaves, even when it is split across chunks; the length limit cuts the answer;
// tool inputs and outputs are redacted whole, and their partial-input deltas are not forwarded. A blocking match
// aborts the run (the model stops) and nothing more is written. The raw text parts are kept for the finish stage,
// which stores exactly what was released (run-guard.ts `output`).
import type { UIMessageStreamWriter } from 'ai';
import type { GuardrailKey } from './checks';
import type { RunGuard } from './run-guard';
import type { Span } from './span';
import { createStreamGuard, type StreamGuard } from './stream-guard';

type Chunk = Parameters<UIMessageStreamWriter['write']>[0];

export interface GuardedWriter {
  writer: UIMessageStreamWriter;
  /** The raw text of each text part as the model produced it. */
  readonly parts: string[];
}

export function guardedWriter(
  guard: RunGuard,
  target: UIMessageStreamWriter,
  controller: AbortController,
): GuardedWriter {
  const { compiled } = guard;
  const active = compiled.output.filter((c) => c.mode === 'redact' || c.mode === 'block');
  /** The guardrail of each kind a blocking check reported. */
  const blocking = new Map<string, GuardrailKey>();
  const scan = (text: string): Span[] =>
    guard.scanned(active, text).map((m) => {
      if (m.check.mode === 'block') blocking.set(m.span.kind, m.check.key);
      return m.span;
    });
  let blockedBy: GuardrailKey | undefined;
  const step = active.some((c) => c.detector === 'pii' || c.detector === 'toxicity') ? 32 : 8;
  const guards = new Map<string, { guard: StreamGuard<string>; part?: number }>();
  const parts: string[] = [];
  let left = guard.policy.output.maxLength ?? Number.POSITIVE_INFINITY;
  let stopped = false;

  const open = (id: string, isText: boolean) => {
    guards.set(id, {
      guard: createStreamGuard(scan, {
        holdBack: (text) => active.reduce((n, c) => Math.max(n, c.tail(text)), 0),
        // Scan every few new characters (every 32 when the costlier personal-data or toxicity checks are on), with
        // 128 of released context (lookbehinds; a match's start is always held).
        step,
        context: 128,
        block: (s) => {
          blockedBy ??= blocking.get(s.kind);
          return blocking.has(s.kind);
        },
      }),
      part: isText ? parts.push('') - 1 : undefined,
    });
  };
  /** Ends the run when the guard saw a blocking match (or a failing scan refused it). */
  const checkBlocked = (streamGuard: StreamGuard<string>) => {
    if (!streamGuard.blocked && !guard.blocked) return false;
    stopped = true;
    // Stops the model now; the finish stage scans the whole answer and records what matched.
    guard.refuseOutput(controller, blockedBy ?? 'scan.error');
    return true;
  };
  const release = (chunk: Chunk & { id: string }, type: 'text-delta' | 'reasoning-delta', piece: string) => {
    if (piece) target.write({ type, id: chunk.id, delta: piece } as Chunk);
  };

  const write = (chunk: Chunk): void => {
    if (stopped) return;
    switch (chunk.type) {
      case 'text-start':
      case 'reasoning-start':
        open(chunk.id, chunk.type === 'text-start');
        target.write(chunk);
        return;
      case 'text-delta':
      case 'reasoning-delta': {
        const entry = guards.get(chunk.id);
        if (!entry) return;
        let delta = chunk.delta;
        if (entry.part !== undefined) {
          // Kept whole for the finish stage (which cuts and records the cut); released only up to the limit.
          parts[entry.part] += delta;
          delta = delta.slice(0, Math.max(0, left));
          left -= delta.length;
        }
        const piece = entry.guard.push(delta);
        if (checkBlocked(entry.guard)) return;
        release(chunk, chunk.type, piece);
        return;
      }
      case 'text-end':
      case 'reasoning-end': {
        const entry = guards.get(chunk.id);
        if (entry) {
          const rest = entry.guard.end();
          if (checkBlocked(entry.guard)) return;
          release(chunk, chunk.type === 'text-end' ? 'text-delta' : 'reasoning-delta', rest);
        }
        target.write(chunk);
        return;
      }
      case 'tool-input-delta':
        return;
      case 'tool-input-available':
        target.write({ ...chunk, input: guard.redactData(chunk.input) });
        return;
      case 'tool-output-available':
        target.write({ ...chunk, output: guard.redactData(chunk.output) });
        return;
      default:
        target.write(chunk);
    }
  };
  return { writer: { ...target, write }, parts };
}
