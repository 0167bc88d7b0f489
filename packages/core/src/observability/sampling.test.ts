// Trace sampling is deterministic per run id and keeps about `rate` of runs.
import { describe, expect, it } from 'vitest';
import { isSampled } from './sampling';

describe('isSampled', () => {
  it('keeps all at 1, none at 0, about the rate in between, the same answer every time', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `run-${i}`);
    expect(ids.every((id) => isSampled(id, 1))).toBe(true);
    expect(ids.some((id) => isSampled(id, 0))).toBe(false);
    const kept = ids.filter((id) => isSampled(id, 0.25)).length / ids.length;
    expect(kept).toBeGreaterThan(0.22);
    expect(kept).toBeLessThan(0.28);
    expect(ids.filter((id) => isSampled(id, 0.25))).toEqual(ids.filter((id) => isSampled(id, 0.25)));
  });
});
