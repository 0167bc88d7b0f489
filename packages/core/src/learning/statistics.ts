// The statistics of a shadow A/B experiment, valid however often it is looked at. The primary metric is a run's
// outcome in [0, 1] (0 for a failed run, else its mean direction-turned quality, 1 when the agent has no scorers); the
// difference candidate − baseline is tested with a mixture sequential probability ratio test (mSPRT, normal mixture
// N(0, τ²) over the effect, plug-in variance), whose always-valid confidence sequence may be checked after every run
// without inflating the false-promotion rate beyond α. Cost, latency and guardrail-block rate are non-inferiority
// guards: a candidate confidently worse than the baseline by more than the guard's margin stops the experiment.
import { learningConfig } from './config';

export interface ArmSample {
  /** Per-run primary outcomes in [0, 1]. */
  outcomes: number[];
  costUsd: number[];
  latencyMs: number[];
  /** Per-run 1 when a guardrail blocked the run, else 0. */
  blocked: number[];
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface GuardResult {
  name: GuardName;
  baseline: number | null;
  candidate: number | null;
  /** The largest increase of candidate over baseline the guard tolerates (same unit as the metric). */
  margin: number;
  /** The always-valid interval of candidate − baseline. */
  difference: Interval | null;
  /** The candidate is confidently worse by more than the margin. */
  breached: boolean;
  /** The candidate's point estimate is within the margin. */
  withinMargin: boolean;
}

export type GuardName = 'costUsd' | 'latencyMs' | 'guardrailBlockRate';

export interface ExperimentStats {
  method: string;
  alpha: number;
  baseline: { runs: number; mean: number | null };
  candidate: { runs: number; mean: number | null };
  /** candidate − baseline of the primary outcome, with its always-valid (1 − α) interval. */
  difference: Interval | null;
  /** P(a candidate run beats a baseline run) + ½ P(tie): the spec's win rate. */
  winRate: number | null;
  /** 1 − the always-valid p-value of "no difference". */
  confidence: number | null;
  guards: GuardResult[];
}

export type Verdict =
  | { kind: 'continue'; reason: string }
  | { kind: 'candidate'; reason: string }
  | { kind: 'regression'; reason: string }
  | { kind: 'guard-breach'; guard: GuardName; reason: string }
  | { kind: 'inconclusive'; reason: string };

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * The variance of a mean of `xs`, shrunk a little towards the largest variance `range` allows (a tenth of one
 * observation's worth): a small sample of identical values (every run passed) does not claim certainty it has not earned.
 */
function varianceOfMean(xs: number[], range: [number, number]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, b) => a + (b - m) ** 2, 0);
  const prior = PRIOR_WEIGHT * ((range[1] - range[0]) / 2) ** 2;
  return (ss + prior) / (Math.max(xs.length - 1, 0) + PRIOR_WEIGHT) / xs.length;
}

const PRIOR_WEIGHT = 0.1;

/**
 * The always-valid (1 − α) interval of mean(c) − mean(b) after any number of looks (mSPRT normal mixture with
 * variance τ², Johari et al. 2017): estimate ± sqrt(V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V))).
 */
export function alwaysValidInterval(
  b: number[],
  c: number[],
  options: { alpha: number; tau: number; range: [number, number] },
): (Interval & { pValue: number }) | null {
  const mb = mean(b);
  const mc = mean(c);
  if (mb === null || mc === null) return null;
  const v = varianceOfMean(b, options.range) + varianceOfMean(c, options.range);
  const t2 = options.tau ** 2;
  const estimate = mc - mb;
  const half = Math.sqrt(((v * (v + t2)) / t2) * (2 * Math.log(1 / options.alpha) + Math.log((v + t2) / v)));
  // The mixture likelihood ratio of "no difference"; its inverse (capped at 1) is the always-valid p-value.
  const lr = Math.sqrt(v / (v + t2)) * Math.exp((estimate ** 2 * t2) / (2 * v * (v + t2)));
  return { estimate, low: estimate - half, high: estimate + half, pValue: Math.min(1, 1 / lr) };
}

/** P(X > Y) + ½ P(X = Y) for X from `c` and Y from `b` (the Mann–Whitney statistic over nb·nc). */
export function winRate(b: number[], c: number[]): number | null {
  if (!b.length || !c.length) return null;
  const sorted = [...b].sort((x, y) => x - y);
  /** How many baseline values are below `x` (or at most `x` when `orEqual`). */
  const countBelow = (x: number, orEqual: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let wins = 0;
  for (const x of c) {
    const less = countBelow(x, false);
    wins += less + (countBelow(x, true) - less) / 2;
  }
  return wins / (b.length * c.length);
}

/** A guard metric: its margin (the larger of relative-to-baseline and absolute) and whether it was breached. */
function guardOf(name: GuardName, b: number[], c: number[]): GuardResult {
  const { guards, alpha } = learningConfig.statistics;
  const mb = mean(b);
  const mc = mean(c);
  const margin = Math.max((mb ?? 0) * guards[name].relative, guards[name].absolute);
  const top = [...b, ...c].reduce((m, x) => Math.max(m, x), 1e-9);
  const range: [number, number] = name === 'guardrailBlockRate' ? [0, 1] : [0, top];
  // τ on the metric's own scale: the margin is the size of effect the guard is about.
  const tau = Math.max(margin, top * 1e-3);
  const interval = alwaysValidInterval(b, c, { alpha, tau, range });
  return {
    name,
    baseline: mb,
    candidate: mc,
    margin,
    difference: interval && { estimate: interval.estimate, low: interval.low, high: interval.high },
    breached: interval !== null && interval.low > margin,
    withinMargin: interval === null || interval.estimate <= margin,
  };
}

export function experimentStats(baseline: ArmSample, candidate: ArmSample): ExperimentStats {
  const { alpha, tau } = learningConfig.statistics;
  const interval = alwaysValidInterval(baseline.outcomes, candidate.outcomes, { alpha, tau, range: [0, 1] });
  return {
    method: `mSPRT, normal mixture τ=${tau}, always-valid ${Math.round((1 - alpha) * 100)} % interval`,
    alpha,
    baseline: { runs: baseline.outcomes.length, mean: mean(baseline.outcomes) },
    candidate: { runs: candidate.outcomes.length, mean: mean(candidate.outcomes) },
    difference: interval && { estimate: interval.estimate, low: interval.low, high: interval.high },
    winRate: winRate(baseline.outcomes, candidate.outcomes),
    confidence: interval && 1 - interval.pValue,
    guards: [
      guardOf('costUsd', baseline.costUsd, candidate.costUsd),
      guardOf('latencyMs', baseline.latencyMs, candidate.latencyMs),
      guardOf('guardrailBlockRate', baseline.blocked, candidate.blocked),
    ],
  };
}

export interface StoppingRule {
  minRunsPerGroup: number;
  maxRunsPerExperiment: number;
  /** Runs the candidate must have in total before a win is declared (auto-promotion's minimum), else 0. */
  minRunsForWin: number;
  timedOut: boolean;
}

/**
 * The stated decision rule, applied at every look: nothing before both arms have `minRunsPerGroup` runs; then a guard
 * breach or an interval wholly below zero stops with the baseline kept; an interval wholly above zero with every
 * guard's estimate within its margin (and `minRunsForWin` runs in all) promotes the candidate; the run or time cap
 * without either ends inconclusive.
 */
export function decide(stats: ExperimentStats, rule: StoppingRule, totalRuns: number): Verdict {
  const capped = rule.timedOut || totalRuns >= rule.maxRunsPerExperiment;
  const cap = rule.timedOut ? 'the maximum duration' : 'the maximum number of runs';
  const enough = stats.baseline.runs >= rule.minRunsPerGroup && stats.candidate.runs >= rule.minRunsPerGroup;
  if (!enough) {
    if (capped)
      return { kind: 'inconclusive', reason: `Reached ${cap} before each arm had ${rule.minRunsPerGroup} runs` };
    return {
      kind: 'continue',
      reason: `Waiting for ${rule.minRunsPerGroup} scored runs per arm (baseline ${stats.baseline.runs}, candidate ${stats.candidate.runs})`,
    };
  }
  const breach = stats.guards.find((g) => g.breached);
  if (breach)
    return {
      kind: 'guard-breach',
      guard: breach.name,
      reason: `The candidate is worse on ${breach.name} by more than the tolerated ${fmt(breach.margin)}`,
    };
  const d = stats.difference;
  if (d && d.high < 0)
    return { kind: 'regression', reason: `The candidate scores lower: ${fmtInterval(d)} lies below zero` };
  const guardsHold = stats.guards.every((g) => g.withinMargin);
  if (d && d.low > 0 && guardsHold && totalRuns >= rule.minRunsForWin)
    return { kind: 'candidate', reason: `The candidate scores higher: ${fmtInterval(d)} lies above zero` };
  if (capped) return { kind: 'inconclusive', reason: `Reached ${cap} without a clear difference` };
  if (d && d.low > 0 && !guardsHold)
    return { kind: 'continue', reason: 'The candidate scores higher but a guard metric is outside its margin so far' };
  if (d && d.low > 0)
    return { kind: 'continue', reason: `The candidate scores higher; waiting for ${rule.minRunsForWin} runs in all` };
  return { kind: 'continue', reason: 'No clear difference yet' };
}

const fmt = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(1) : x.toPrecision(2));
const fmtInterval = (d: Interval) => `the difference ${fmt(d.estimate)} (interval ${fmt(d.low)} … ${fmt(d.high)})`;
