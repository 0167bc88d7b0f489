// The experiment decision over many simulated experiments, looked at after every run as the checker does: equal arms
// are promoted (or called a regression) no more often than the stated α, under the spec's default policy and under an
// eager one (half the traffic, 10 runs per arm: more looks, earlier); a truly better candidate usually wins and a truly
// worse one is usually stopped once the candidate gets enough traffic (a 20 % split: at the default 10 % of 200 runs
// the candidate reaches its 20 runs in only about half of the experiments, which then end inconclusive).
import { seededRandom } from '@trellis/testkit';
import { describe, expect, it } from 'vitest';
import { learningConfig } from './config';
import { type ArmSample, alwaysValidInterval, decide, experimentStats, winRate } from './statistics';

/** Seeded, so every run of the test sees the same experiments. */
const rng = seededRandom;

/** A run's outcome: failed (0) with `failRate`, else a quality spread around `quality`, clipped to [0, 1]. */
const outcome = (r: () => number, failRate: number, quality: number) =>
  r() < failRate ? 0 : Math.min(1, Math.max(0, quality + (r() - 0.5) * 0.4));

const defaults = learningConfig.trafficSplit;
type Policy = { split: number; minRunsPerGroup: number; maxRunsPerExperiment: number };
const defaultPolicy: Policy = {
  split: defaults.defaultCandidateSplit,
  minRunsPerGroup: defaults.minRunsPerGroup,
  maxRunsPerExperiment: defaults.maxRunsPerExperiment,
};

/** One experiment, decided after every run; returns the verdict it stopped on. */
function simulate(seed: number, candidate: { failRate: number; quality: number }, policy: Policy) {
  const r = rng(seed);
  const empty = (): ArmSample => ({ outcomes: [], costUsd: [], latencyMs: [], blocked: [] });
  const arms = { b: empty(), c: empty() };
  for (let n = 1; n <= policy.maxRunsPerExperiment; n++) {
    const toCandidate = r() < policy.split;
    const arm = toCandidate ? arms.c : arms.b;
    const y = toCandidate ? outcome(r, candidate.failRate, candidate.quality) : outcome(r, 0.1, 0.7);
    arm.outcomes.push(y);
    arm.costUsd.push(0.001 + r() * 0.0002);
    arm.latencyMs.push(800 + r() * 200);
    arm.blocked.push(0);
    const verdict = decide(
      experimentStats(arms.b, arms.c),
      {
        minRunsPerGroup: policy.minRunsPerGroup,
        maxRunsPerExperiment: policy.maxRunsPerExperiment,
        minRunsForWin: 0,
        timedOut: false,
      },
      n,
    );
    if (verdict.kind !== 'continue') return verdict.kind;
  }
  return 'continue';
}

function tally(seeds: number, candidate: { failRate: number; quality: number }, policy = defaultPolicy) {
  const counts: Record<string, number> = {};
  for (let seed = 1; seed <= seeds; seed++) {
    const kind = simulate(seed, candidate, policy);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return (kind: string) => (counts[kind] ?? 0) / seeds;
}

describe('experiment decision', () => {
  const { alpha } = learningConfig.statistics;

  const same = { failRate: 0.1, quality: 0.7 };

  it('promotes equal arms no more often than α under the default policy, looking after every run (1,000 seeds)', () => {
    const rate = tally(1000, same);
    expect(rate('candidate')).toBeLessThanOrEqual(alpha);
    expect(rate('regression')).toBeLessThanOrEqual(alpha);
    expect(rate('inconclusive')).toBeGreaterThan(0.9);
  });

  it('holds α too under an eager policy: half the traffic, 10 runs per arm (1,000 seeds)', () => {
    const rate = tally(1000, same, { split: 0.5, minRunsPerGroup: 10, maxRunsPerExperiment: 200 });
    expect(rate('candidate')).toBeLessThanOrEqual(alpha);
    expect(rate('regression')).toBeLessThanOrEqual(alpha);
  });

  it('usually promotes a truly better candidate and usually stops a truly worse one (200 seeds each)', () => {
    const fifth = { ...defaultPolicy, split: 0.2 };
    expect(tally(200, { failRate: 0, quality: 0.95 }, fifth)('candidate')).toBeGreaterThan(0.9);
    expect(tally(200, { failRate: 0.05, quality: 0.8 }, fifth)('candidate')).toBeGreaterThan(0.6);
    expect(tally(200, { failRate: 0.5, quality: 0.4 }, fifth)('regression')).toBeGreaterThan(0.9);
  });

  it('an interval is wide with few runs and narrows as runs come in, always containing the estimate', () => {
    const opts = { alpha: 0.05, tau: 0.1, range: [0, 1] as [number, number] };
    const few = alwaysValidInterval([0.5, 0.6, 0.7], [0.6, 0.7, 0.8], opts);
    const many = alwaysValidInterval(Array(300).fill(0.6), Array(300).fill(0.7), opts);
    expect(few && many).toBeTruthy();
    expect((few?.high ?? 0) - (few?.low ?? 0)).toBeGreaterThan((many?.high ?? 0) - (many?.low ?? 0));
    expect(many?.low).toBeGreaterThan(0);
    expect(few?.low).toBeLessThan(0);
  });

  it('win rate is the share of pairs the candidate wins, ties counting half', () => {
    expect(winRate([0, 1], [1, 1])).toBe(0.75);
    expect(winRate([0.5], [0.5])).toBe(0.5);
    expect(winRate([], [1])).toBeNull();
  });

  it('a candidate confidently costlier than the margin breaches the cost guard and stops with the baseline', () => {
    const arm = (cost: number): ArmSample => ({
      outcomes: Array(40).fill(0.8),
      costUsd: Array.from({ length: 40 }, (_, i) => cost + (i % 5) * cost * 0.01),
      latencyMs: Array(40).fill(500),
      blocked: Array(40).fill(0),
    });
    const stats = experimentStats(arm(0.001), arm(0.002));
    const verdict = decide(
      stats,
      { minRunsPerGroup: 20, maxRunsPerExperiment: 200, minRunsForWin: 0, timedOut: false },
      80,
    );
    expect(verdict).toMatchObject({ kind: 'guard-breach', guard: 'costUsd' });
    // Four times a tiny cost is within the absolute margin ($0.0001 a run): not a breach.
    const tiny = experimentStats(arm(0.00001), arm(0.00004)).guards.find((g) => g.name === 'costUsd');
    expect(tiny).toMatchObject({ breached: false, withinMargin: true });
  });

  it('waits for the minimum runs per arm, and ends inconclusive at the time cap', () => {
    const arm = (n: number): ArmSample => ({
      outcomes: Array(n).fill(0.7),
      costUsd: Array(n).fill(0.001),
      latencyMs: Array(n).fill(500),
      blocked: Array(n).fill(0),
    });
    const rule = { minRunsPerGroup: 20, maxRunsPerExperiment: 200, minRunsForWin: 0, timedOut: false };
    expect(decide(experimentStats(arm(30), arm(5)), rule, 35).kind).toBe('continue');
    expect(decide(experimentStats(arm(30), arm(25)), { ...rule, timedOut: true }, 55).kind).toBe('inconclusive');
  });
});
