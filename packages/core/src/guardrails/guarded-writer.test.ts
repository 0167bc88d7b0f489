// The stream's output guard, cut at every position: for each secret, piece of personal data, toxic phrase and pattern,
// split across two chunks at every index (and three at a stride), no character of a blocked match ever reaches the
// client, a redacted stream equals the stored answer exactly, and prose without matches still flows (the hold-back is
// a short tail, not the whole answer).
import type { UIMessageStreamWriter } from 'ai';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from './checks';
import { guardedWriter } from './guarded-writer';
import { effectivePolicy, type GuardrailConfig } from './policy';
import { RunGuard } from './run-guard';
import { piiFixtures, secretFixtures } from './test-fixtures';

type Chunk = Parameters<UIMessageStreamWriter['write']>[0];

function guardFor(output: GuardrailConfig['output']) {
  return new RunGuard(compilePolicy(effectivePolicy({ output }, null), { organization: 1, agent: null }));
}

/** Streams `chunks` as one text part; returns what the client got, when it got it, and the guard's stored answer. */
function streamThrough(output: GuardrailConfig['output'], chunks: string[]) {
  const guard = guardFor(output);
  const written: Chunk[] = [];
  const releasedAfter: string[] = [];
  const target = { write: (c: Chunk) => written.push(c), merge: () => {}, onError: undefined } as UIMessageStreamWriter;
  const controller = new AbortController();
  const { writer, parts } = guardedWriter(guard, target, controller);
  const text = () =>
    written
      .filter((c) => c.type === 'text-delta')
      .map((c) => (c as { delta: string }).delta)
      .join('');
  writer.write({ type: 'text-start', id: 't' });
  for (const delta of chunks) {
    writer.write({ type: 'text-delta', id: 't', delta });
    releasedAfter.push(text());
  }
  writer.write({ type: 'text-end', id: 't' });
  const stored = guard.output(parts, { steps: [], calls: [] });
  return { client: text(), releasedAfter, stored, aborted: controller.signal.aborted, guard };
}

const sensitive: [string, string, GuardrailConfig['output']][] = [
  ...Object.entries(secretFixtures).map(
    ([k, v]) => [k, v, { secrets: 'redact' }] as [string, string, GuardrailConfig['output']],
  ),
  ...Object.entries(piiFixtures).map(
    ([k, v]) => [k, v, { pii: 'redact' }] as [string, string, GuardrailConfig['output']],
  ),
  ['profanity', 'shit', { toxicity: 'redact' }],
  ['threat', 'I will kill you', { toxicity: 'redact' }],
  [
    'pattern',
    'Project Falcon',
    { blockedPatterns: [{ pattern: 'project falcon', regex: false, caseSensitive: false, action: 'redact' }] },
  ],
];

const before = 'Sure — the value you asked about is ';
const after = ' and that is all I can say about it today.';

describe('guarded stream writer: every cut position', () => {
  for (const [name, value, output] of sensitive) {
    const whole = before + value + after;
    const cuts = Array.from({ length: whole.length - 1 }, (_, i) => i + 1);

    it(`${name}: redacted in what the client gets, equal to what is stored, wherever the chunks are cut`, () => {
      for (const cut of cuts) {
        const { client, stored } = streamThrough(output, [whole.slice(0, cut), whole.slice(cut)]);
        expect(client, `cut at ${cut}`).toBe(stored.text);
        expect(client).not.toContain(value);
        expect(client).toContain(`${before.trim()}`);
      }
      // Three chunks, at a stride across the value.
      for (let a = before.length - 3; a < before.length + value.length; a += 2)
        for (let b = a + 1; b <= before.length + value.length + 2; b += 3) {
          const { client, stored } = streamThrough(output, [whole.slice(0, a), whole.slice(a, b), whole.slice(b)]);
          expect(client, `cuts at ${a}, ${b}`).toBe(stored.text);
        }
    });

    it(`${name}: blocked — no character of it, or after it, ever reaches the client`, () => {
      const blocking = Object.fromEntries(
        Object.entries(output ?? {}).map(([k, v]) =>
          k === 'blockedPatterns'
            ? [k, (v as { action: string }[]).map((p) => ({ ...p, action: 'block' }))]
            : [k, 'block'],
        ),
      ) as GuardrailConfig['output'];
      for (const cut of cuts) {
        const { client, aborted, stored } = streamThrough(blocking, [whole.slice(0, cut), whole.slice(cut)]);
        expect(before.startsWith(client), `cut at ${cut}: released ${JSON.stringify(client)}`).toBe(true);
        expect(aborted).toBe(true);
        expect(stored.text).toBeNull();
        expect(stored.blocked?.code).toBe('GUARDRAIL_BLOCKED');
      }
    });
  }
});

describe('guarded stream writer: flow', () => {
  const prose =
    'The museum opens at nine, and the best time to visit the east wing is early in the morning before the tour groups arrive.';
  const words = prose.match(/\s*\S+/g) ?? [];

  it('with secrets redacted (the default policy), prose flows: at most the last token and one 8-character scan step are held', () => {
    const { releasedAfter, client } = streamThrough({ secrets: 'redact' }, words);
    expect(client).toBe(prose);
    words.forEach((_, i) => {
      const sent = words.slice(0, i + 1).join('');
      expect(sent.length - releasedAfter[i].length, `after word ${i}`).toBeLessThanOrEqual(words[i].length + 8);
    });
  });

  it('with personal data redacted, the held tail stays short (48 characters and one scan step, not the answer)', () => {
    const { releasedAfter } = streamThrough({ pii: 'redact', secrets: 'redact', toxicity: 'redact' }, words);
    words.forEach((_, i) => {
      const sent = words.slice(0, i + 1).join('');
      expect(sent.length - releasedAfter[i].length).toBeLessThanOrEqual(48 + 32);
    });
  });

  it('redacts tool inputs and outputs, and drops their partial-input deltas', () => {
    const guard = guardFor({ secrets: 'redact' });
    const written: Chunk[] = [];
    const target = {
      write: (c: Chunk) => written.push(c),
      merge: () => {},
      onError: undefined,
    } as UIMessageStreamWriter;
    const { writer } = guardedWriter(guard, target, new AbortController());
    const key = secretFixtures['secret:github'];
    writer.write({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'web-fetch' });
    writer.write({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: `{"token":"${key.slice(0, 10)}` });
    writer.write({ type: 'tool-input-available', toolCallId: 'c1', toolName: 'web-fetch', input: { token: key } });
    writer.write({ type: 'tool-output-available', toolCallId: 'c1', output: { body: `found ${key} here` } });
    expect(JSON.stringify(written)).not.toContain(key.slice(0, 10));
    expect(written.map((c) => c.type)).toEqual(['tool-input-start', 'tool-input-available', 'tool-output-available']);
    expect(written[2]).toMatchObject({ output: { body: 'found [REDACTED:secret:github] here' } });
  });
});
