// The experiment split: a key (a thread, else a user) always lands on the same arm of an experiment, the arms'
// shares match the split, and different experiments split the same keys independently.
import { describe, expect, it } from 'vitest';
import { bucketOf } from './routing';

describe('experiment split', () => {
  it('is deterministic per key and matches the split over 20,000 keys', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `thread-${i}`);
    for (const key of keys.slice(0, 50)) expect(bucketOf('exp-1', key)).toBe(bucketOf('exp-1', key));
    for (const split of [0.1, 0.5]) {
      const share = keys.filter((k) => bucketOf('exp-1', k) < split).length / keys.length;
      expect(Math.abs(share - split)).toBeLessThan(0.01);
    }
  });

  it('splits the same keys independently in another experiment', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `user-${i}`);
    const both = keys.filter((k) => bucketOf('exp-a', k) < 0.1 && bucketOf('exp-b', k) < 0.1).length / keys.length;
    expect(Math.abs(both - 0.01)).toBeLessThan(0.005);
  });
});
