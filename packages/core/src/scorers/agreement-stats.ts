// Agreement between a scorer and people, on runs both judged: a 2×2 table of "bad answer" verdicts, Cohen's κ with
// its large-sample 95 % interval, and precision and recall of the scorer's "bad" calls with Wilson 95 % intervals.

export interface Confusion {
  /** The scorer and the person both called the answer bad. */
  bothBad: number;
  /** The scorer called it bad, the person good. */
  scorerBadOnly: number;
  /** The person called it bad, the scorer good. */
  personBadOnly: number;
  bothGood: number;
}

export interface Estimate {
  value: number | null;
  /** 95 % interval; null when undefined (no cases in the denominator). */
  low: number | null;
  high: number | null;
}

const Z = 1.959964;
const none: Estimate = { value: null, low: null, high: null };
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Wilson score interval for `k` successes in `n` trials. */
export function wilson(k: number, n: number): Estimate {
  if (n === 0) return none;
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denom;
  return { value: p, low: clamp(centre - half, 0, 1), high: clamp(centre + half, 0, 1) };
}

/** Cohen's κ with the large-sample standard error sqrt(po(1 − po) / (n (1 − pe)²)). */
export function cohensKappa(c: Confusion): Estimate {
  const n = c.bothBad + c.scorerBadOnly + c.personBadOnly + c.bothGood;
  if (n === 0) return none;
  const po = (c.bothBad + c.bothGood) / n;
  const scorerBad = (c.bothBad + c.scorerBadOnly) / n;
  const personBad = (c.bothBad + c.personBadOnly) / n;
  const pe = scorerBad * personBad + (1 - scorerBad) * (1 - personBad);
  if (pe >= 1) return { value: po === 1 ? 1 : null, low: null, high: null };
  const kappa = (po - pe) / (1 - pe);
  const se = Math.sqrt((po * (1 - po)) / (n * (1 - pe) ** 2));
  return { value: kappa, low: clamp(kappa - Z * se, -1, 1), high: clamp(kappa + Z * se, -1, 1) };
}

/** κ, and precision and recall of the scorer's "bad" verdicts against the people's. */
export function agreementOf(c: Confusion) {
  return {
    kappa: cohensKappa(c),
    precision: wilson(c.bothBad, c.bothBad + c.scorerBadOnly),
    recall: wilson(c.bothBad, c.bothBad + c.personBadOnly),
  };
}
