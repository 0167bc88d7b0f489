// Agreement statistics against worked values.
import { describe, expect, it } from 'vitest';
import { agreementOf, cohensKappa, wilson } from './agreement-stats';

describe('agreement statistics', () => {
  it("computes Cohen's κ of a textbook table", () => {
    // 50 pairs: 20 both bad, 5 scorer-only, 10 person-only, 15 both good → po 0.7, pe 0.5, κ 0.4.
    const k = cohensKappa({ bothBad: 20, scorerBadOnly: 5, personBadOnly: 10, bothGood: 15 });
    expect(k.value).toBeCloseTo(0.4, 10);
    expect(k.low).toBeLessThan(0.4);
    expect(k.high).toBeGreaterThan(0.4);
    expect((k.high as number) - (k.low as number)).toBeCloseTo(2 * 1.959964 * Math.sqrt((0.7 * 0.3) / (50 * 0.25)), 6);
  });

  it('gives κ 1 for perfect agreement and about 0 for chance', () => {
    expect(cohensKappa({ bothBad: 10, scorerBadOnly: 0, personBadOnly: 0, bothGood: 10 }).value).toBe(1);
    expect(cohensKappa({ bothBad: 25, scorerBadOnly: 25, personBadOnly: 25, bothGood: 25 }).value).toBeCloseTo(0, 10);
  });

  it('computes Wilson intervals, and nothing for an empty denominator', () => {
    const w = wilson(8, 10);
    expect(w.value).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null });
    const a = agreementOf({ bothBad: 0, scorerBadOnly: 0, personBadOnly: 3, bothGood: 7 });
    expect(a.precision.value).toBeNull();
    expect(a.recall.value).toBe(0);
  });
});
