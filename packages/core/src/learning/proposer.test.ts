// The demo proposer and the risk tiers: the dominant weak spot becomes one line of guidance (deterministically, and
// never twice), the tier follows what the change touches, and only LOW risk may be approved automatically.
import type { AgentSnapshot } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import { autoApproval } from './checker';
import { effectivePolicy } from './config';
import { demoProposal, riskTierOf } from './proposer';
import type { SignalPatterns } from './sessions';

const snapshot = { instructions: 'Help with trams.', tools: [], temperature: 0.7 } as unknown as AgentSnapshot;
const patterns = (byType: Record<string, number>, scorers: SignalPatterns['scorers'] = []): SignalPatterns => ({
  signals: Object.values(byType).reduce((a, b) => a + b, 0),
  byType,
  scorers,
  errorCodes: {},
  examples: [],
  origin: 'signals',
});

describe('demo proposer', () => {
  it('turns the most frequent weak spot into one line of guidance, the same every time', () => {
    const p = patterns({ LOW_SCORE: 4, RUN_FAILURE: 1 }, [{ scorer: 'completeness', count: 4, meanQuality: 0.2 }]);
    const a = demoProposal(snapshot, p);
    expect(a).toEqual(demoProposal(snapshot, p));
    expect(a).toMatchObject({
      riskTier: 'LOW',
      proposedBy: 'demo (offline)',
      title: 'Cover every part of the request',
    });
    expect(a?.candidate.instructions).toBe(
      "Help with trams.\n\nLearned guidance:\n- Cover every part of the user's request; when it asks several things, answer each one.",
    );
    // Already learned: the next weak spot is proposed instead, under the same heading.
    const b = demoProposal(a?.candidate as AgentSnapshot, p);
    expect(b?.title).toBe('Recover from failed steps');
    expect(b?.candidate.instructions.split('Learned guidance:')).toHaveLength(2);
  });

  it('proposes nothing without signals it knows', () => {
    expect(demoProposal(snapshot, patterns({}))).toBeNull();
  });
});

describe('risk tiers', () => {
  const change = (field: string) => ({ field, before: 1, after: 2 });
  it('LOW for instructions, MEDIUM for tools, HIGH for the model, memory and anything else', () => {
    expect(riskTierOf([change('instructions')])).toBe('LOW');
    expect(riskTierOf([change('instructions'), change('tools')])).toBe('MEDIUM');
    for (const field of ['modelName', 'temperature', 'maxTokens', 'memoryConfig', 'memoryEnabled', 'scorers'])
      expect(riskTierOf([change('instructions'), change(field)])).toBe('HIGH');
  });

  it('approves automatically only LOW risk with auto-promotion on and the thresholds passed', () => {
    const stats = { winRate: 0.8, confidence: 0.99 } as never;
    const on = { ...effectivePolicy(null), autoPromotionEnabled: true };
    expect(autoApproval({ riskTier: 'LOW' }, on, stats).auto).toBe(true);
    expect(autoApproval({ riskTier: 'MEDIUM' }, on, stats).auto).toBe(false);
    expect(autoApproval({ riskTier: 'HIGH' }, on, stats).auto).toBe(false);
    expect(autoApproval({ riskTier: 'LOW' }, effectivePolicy(null), stats).auto).toBe(false);
    expect(autoApproval({ riskTier: 'LOW' }, { ...on, minWinRate: 0.9 }, stats)).toMatchObject({ auto: false });
  });
});
