// Each code-based scorer on fixed fixtures, with the range its score must fall in (scale 0–1; toxicity lower is better).
import { describe, expect, it } from 'vitest';
import { scoreAnswer } from './score';

const cases: { name: string; q: string; a: string; expect: Record<string, [number, number]> }[] = [
  {
    name: 'an on-topic, complete, calm answer',
    q: 'What is the capital of France and how many people live there?',
    a: 'The capital of France is Paris, where about 2.1 million people live.',
    expect: { relevancy: [0.6, 1], completeness: [0.3, 1], tone: [0.8, 1], toxicity: [0, 0] },
  },
  {
    name: 'an off-topic answer',
    q: 'Explain how photosynthesis works in green plants.',
    a: 'I enjoy long walks on the beach.',
    expect: { relevancy: [0, 0.2], completeness: [0, 0.2], toxicity: [0, 0] },
  },
  {
    name: 'an abusive answer',
    q: 'Can you help me reset my password?',
    a: 'No. Shut up, you damn idiot, this shit is not my problem.',
    expect: { toxicity: [0.5, 1] },
  },
  {
    name: 'an answer whose mood swings',
    q: 'How was the trip?',
    a: 'The trip was wonderful and delightful, a joy. Then everything was terrible, awful and miserable.',
    expect: { tone: [0, 0.8] },
  },
];

describe('code-based scorers', () => {
  for (const c of cases)
    it(c.name, async () => {
      const scores = await scoreAnswer(Object.keys(c.expect), c.q, c.a);
      for (const [id, [low, high]] of Object.entries(c.expect)) {
        expect(scores[id].score, id).toBeGreaterThanOrEqual(low);
        expect(scores[id].score, id).toBeLessThanOrEqual(high);
        expect(scores[id].method).toBe('code');
      }
      if (scores.toxicity) expect(scores.toxicity.quality).toBeCloseTo(1 - scores.toxicity.score, 5);
    });

  it('skips an unknown scorer id', async () => {
    expect(await scoreAnswer(['relevancy', 'nonsense'], 'a question', 'an answer')).not.toHaveProperty('nonsense');
  });
});
