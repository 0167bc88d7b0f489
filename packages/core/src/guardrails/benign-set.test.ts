// The benign set through every check of the local rule tier at its strictest: nothing is flagged, redacted or blocked.
import { describe, expect, it } from 'vitest';
import { benignSet } from './benign-set';
import { compilePolicy } from './checks';
import { effectivePolicy } from './policy';
import { RunGuard } from './run-guard';

describe('benign set', () => {
  it('passes every check unchanged, with no event', () => {
    const compiled = compilePolicy(
      effectivePolicy(
        {
          input: { pii: 'block', injection: 'block' },
          output: { pii: 'block', secrets: 'block', toxicity: 'block' },
        },
        null,
      ),
      { organization: 1, agent: null },
    );
    const acted = benignSet.filter((text) => {
      const guard = new RunGuard(compiled);
      guard.input([{ role: 'user', content: text }]);
      guard.output([text], { steps: [], calls: [] });
      return guard.events().length > 0;
    });
    expect(benignSet.length).toBeGreaterThanOrEqual(80);
    expect(acted).toEqual([]);
  });
});
