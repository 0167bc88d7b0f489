// ModelRegistry: which providers are configured, what the listing shows (never keys), and model construction errors.
import { describe, expect, it } from 'vitest';
import { TrellisError } from '../errors';
import { DEMO_MODEL } from './demo-model';
import { ModelRegistry } from './registry';

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as TrellisError;
  }
  throw new Error('expected a throw');
};

describe('ModelRegistry', () => {
  it('lists every provider; only demo is configured without settings', () => {
    const list = new ModelRegistry({}).list();
    expect(list.map((p) => p.id)).toEqual(['demo', 'openai', 'anthropic', 'google', 'openai-compatible']);
    const byId = Object.fromEntries(list.map((p) => [p.id, p]));
    expect(byId.demo).toMatchObject({ configured: true, configureWith: undefined });
    expect(byId.demo.models).toEqual([
      { id: DEMO_MODEL, name: 'demo (offline)', price: { inputPerMTokUsd: 0, outputPerMTokUsd: 0, source: 'free' } },
    ]);
    expect(byId.openai).toMatchObject({ configured: false, configureWith: 'OPENAI_API_KEY' });
    expect(byId.anthropic).toMatchObject({ configured: false, configureWith: 'ANTHROPIC_API_KEY' });
    expect(byId.google).toMatchObject({ configured: false, configureWith: 'GOOGLE_GENERATIVE_AI_API_KEY' });
    expect(byId['openai-compatible']).toMatchObject({ configured: false, configureWith: 'OPENAI_COMPATIBLE_BASE_URL' });
    expect(byId.openai.models.some((m) => m.id === 'gpt-4o-mini')).toBe(true);
  });

  it('marks providers configured from settings and never lists their keys', () => {
    const registry = new ModelRegistry({
      openai: { apiKey: 'sk-openai-SECRET-1', baseURL: 'http://127.0.0.1:9/v1' },
      anthropic: { apiKey: 'sk-ant-SECRET-2' },
      google: { apiKey: 'google-SECRET-3' },
      openaiCompatible: {
        baseURL: 'http://127.0.0.1:9/compat',
        apiKey: 'compat-SECRET-4',
        models: ['llama-3', 'qwen'],
      },
    });
    const list = registry.list();
    expect(list.every((p) => p.configured)).toBe(true);
    expect(list.every((p) => p.configureWith === undefined)).toBe(true);
    const byId = Object.fromEntries(list.map((p) => [p.id, p]));
    expect(byId.openai.baseURL).toBe('http://127.0.0.1:9/v1');
    expect(byId['openai-compatible'].models).toEqual([
      { id: 'llama-3', name: 'llama-3' },
      { id: 'qwen', name: 'qwen' },
    ]);
    const json = JSON.stringify(list);
    for (const secret of ['sk-openai-SECRET-1', 'sk-ant-SECRET-2', 'google-SECRET-3', 'compat-SECRET-4', 'SECRET']) {
      expect(json).not.toContain(secret);
    }
  });

  it('builds the demo model without settings and caches models', () => {
    const registry = new ModelRegistry({});
    const model = registry.languageModel('demo', 'demo-1');
    expect(model.provider).toBe('demo');
    expect(registry.languageModel('demo', 'demo-1')).toBe(model);
  });

  it('builds a configured provider model', () => {
    const registry = new ModelRegistry({ openai: { apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1' } });
    const model = registry.languageModel('openai', 'gpt-4o-mini');
    expect(model.modelId).toBe('gpt-4o-mini');
    expect(model.provider).toMatch(/^openai/);
  });

  it.each([
    ['openai', 'OPENAI_API_KEY'],
    ['anthropic', 'ANTHROPIC_API_KEY'],
    ['google', 'GOOGLE_GENERATIVE_AI_API_KEY'],
    ['openai-compatible', 'OPENAI_COMPATIBLE_BASE_URL'],
  ])('refuses %s without settings with MODEL_NOT_CONFIGURED naming %s', (provider, variable) => {
    const err = caught(() => new ModelRegistry({}).languageModel(provider, 'some-model'));
    expect(err).toBeInstanceOf(TrellisError);
    expect(err.code).toBe('MODEL_NOT_CONFIGURED');
    expect(err.message).toContain(variable);
    expect(err.details).toEqual({ provider, configureWith: variable });
  });

  it('refuses an unknown provider with UNKNOWN_PROVIDER', () => {
    const err = caught(() => new ModelRegistry({}).languageModel('skynet', 'x'));
    expect(err).toBeInstanceOf(TrellisError);
    expect(err.code).toBe('UNKNOWN_PROVIDER');
    expect(err.message).toContain('skynet');
    expect(new ModelRegistry({}).isConfigured('skynet')).toBe(false);
  });
});
