// Configuration: defaults, empty variables as unset, readable errors, and the secret rule for PostgreSQL.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults with an empty environment: embedded database, port 3000, demo model only', () => {
    const { env, providers } = loadConfig({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './.data', MASTRA_TELEMETRY_DISABLED: '1' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(providers).toEqual({});
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', OPENAI_API_KEY: '' }).env.DATABASE_URL).toBeUndefined();
  });

  it('requires BETTER_AUTH_SECRET with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/BETTER_AUTH_SECRET is required/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', BETTER_AUTH_SECRET: 'short' })).toThrow(
      /at least 32/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', BETTER_AUTH_SECRET: 'x'.repeat(32) }).env.DATABASE_URL,
    ).toBe('postgres://x@localhost/db');
  });

  it('lists every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', OPENAI_BASE_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*OPENAI_BASE_URL|OPENAI_BASE_URL[\s\S]*PORT/,
    );
  });

  it('configures providers from keys and base URLs', () => {
    const { providers } = loadConfig({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      ANTHROPIC_API_KEY: 'a-1',
      OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_COMPATIBLE_MODELS: 'llama3.2, qwen2.5 ,',
    });
    expect(providers).toEqual({
      openai: { apiKey: 'sk-1', baseURL: 'http://127.0.0.1:1/v1' },
      anthropic: { apiKey: 'a-1', baseURL: undefined },
      openaiCompatible: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: undefined, models: ['llama3.2', 'qwen2.5'] },
    });
  });
});
