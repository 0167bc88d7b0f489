// Learning sessions, once started (triggers.ts), are walked by jobs: start (PENDING → ANALYZING) → signal extraction (the session takes the
// agent's unconsumed signals, or looks through its recent runs when it has none, and summarises their patterns:
// which signal types, scorers, error codes and inputs fail) → proposal generation (proposals.ts).
import type { LearningSignal } from '@trellis/db';
import type { ServiceContext } from '../context';
import { LearningStore } from './learning-store';
import { sendStep } from './sends';
import { detectSignals } from './signals';

/** How many recent runs a session with no signals of its own looks through. */
const LOOK_BACK_RUNS = 100;
const EXAMPLES_PER_KIND = 5;

/** The learningSessionStart job: PENDING → ANALYZING, then extraction. */
export async function beginSession(ctx: ServiceContext, sessionId: string) {
  const store = LearningStore.of(ctx);
  await store.updateSession(sessionId, { status: 'ANALYZING', startedAt: ctx.clock() }, ['PENDING']);
  const session = await store.session(sessionId);
  if (session?.status === 'ANALYZING') await sendStep(ctx, 'learning-signal-extraction', sessionId);
  return { status: session?.status ?? 'missing' };
}

export interface SignalPatterns {
  signals: number;
  byType: Record<string, number>;
  /** Scorers that scored below the threshold, with how often and their mean quality there. */
  scorers: { scorer: string; count: number; meanQuality: number }[];
  errorCodes: Record<string, number>;
  /** Inputs that produced signals, a few per type. */
  examples: { type: string; input: string | null; output: string | null; runId: string | null }[];
  /** Where the signals came from: the unconsumed ones, or a look through the recent runs. */
  origin: 'signals' | 'recent-runs';
}

/** Summarises what a session's signals have in common. */
export function patternsOf(signals: LearningSignal[], origin: SignalPatterns['origin']): SignalPatterns {
  const byType: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  const scorers = new Map<string, { count: number; total: number }>();
  const examples: SignalPatterns['examples'] = [];
  for (const s of signals) {
    byType[s.type] = (byType[s.type] ?? 0) + 1;
    const d = (s.details ?? {}) as Record<string, unknown>;
    if (typeof d.errorCode === 'string') errorCodes[d.errorCode] = (errorCodes[d.errorCode] ?? 0) + 1;
    for (const low of (d.scorers as { scorer: string; quality: number }[] | undefined) ?? []) {
      const entry = scorers.get(low.scorer) ?? { count: 0, total: 0 };
      entry.count += 1;
      entry.total += low.quality;
      scorers.set(low.scorer, entry);
    }
    if (examples.filter((e) => e.type === s.type).length < EXAMPLES_PER_KIND)
      examples.push({
        type: s.type,
        input: (d.input as string | null) ?? null,
        output: (d.output as string | null) ?? null,
        runId: s.runId,
      });
  }
  return {
    signals: signals.length,
    byType,
    scorers: [...scorers]
      .map(([scorer, e]) => ({ scorer, count: e.count, meanQuality: e.total / e.count }))
      .sort((a, b) => b.count - a.count || a.meanQuality - b.meanQuality),
    errorCodes,
    examples,
    origin,
  };
}

/**
 * The learningSignalExtraction job: the session takes the agent's unconsumed signals (or, with none, what its recent
 * runs show), stores their patterns as its summary and moves on to proposing. Re-running it re-reads the same signals.
 */
export async function extractSignals(ctx: ServiceContext, sessionId: string) {
  const store = LearningStore.of(ctx);
  const session = await store.session(sessionId);
  if (!session) return { status: 'missing' };
  if (session.status === 'ANALYZING') {
    let signals = await store.attachSignals(session.agentId, sessionId, 'current-version');
    let origin: SignalPatterns['origin'] = 'signals';
    if (!signals.length) {
      origin = 'recent-runs';
      for (const runId of await store.recentRunIds(session.agentId, LOOK_BACK_RUNS)) {
        const detected = await detectSignals(ctx, runId, ['run', 'evaluation', 'feedback']);
        await store.insertSignals(
          session.agentId,
          detected.map((f) => ({ ...f, runId, sessionId })),
        );
      }
      signals = await store.signalsOf(sessionId);
    }
    const summary = { patterns: patternsOf(signals, origin) };
    await store.updateSession(sessionId, { status: 'PROPOSING', summary: { ...summary } }, ['ANALYZING']);
  }
  const now = await store.session(sessionId);
  if (now?.status === 'PROPOSING') await sendStep(ctx, 'learning-proposal-generation', sessionId);
  return { status: now?.status };
}
