// Which model providers this deployment can call, and how to build an AI SDK model for an agent's provider/name.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import { z } from 'zod';
import type { ProviderSettings } from '../config';
import { TrellisError } from '../errors';
import { checkedFetch } from './checked-fetch';
import { createDemoModel, DEMO_LABEL, DEMO_MODEL, DEMO_PROVIDER } from './demo-model';
import { catalogModels, catalogPrice, modelPriceSchema } from './pricing';

export const providerIds = ['demo', 'openai', 'anthropic', 'google', 'openai-compatible'] as const;
export type ProviderId = (typeof providerIds)[number];

const providerLabels: Record<ProviderId, string> = {
  demo: DEMO_LABEL,
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google Gemini',
  'openai-compatible': 'OpenAI-compatible',
};

const envHint: Record<ProviderId, string> = {
  demo: '',
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  'openai-compatible': 'OPENAI_COMPATIBLE_BASE_URL',
};

export const modelInfoSchema = z.object({ id: z.string(), name: z.string(), price: modelPriceSchema.optional() });
export type ModelInfo = z.output<typeof modelInfoSchema>;

/** A provider as `GET /api/models` shows it: never its key. */
export const providerInfoSchema = z.object({
  id: z.enum(providerIds),
  label: z.string(),
  configured: z.boolean(),
  /** The environment variable that enables the provider when it is not configured. */
  configureWith: z.string().optional(),
  baseURL: z.string().optional(),
  models: z.array(modelInfoSchema),
});
export type ProviderInfo = z.output<typeof providerInfoSchema>;

export class ModelRegistry {
  private readonly cache = new Map<string, LanguageModelV4>();

  constructor(private readonly settings: ProviderSettings) {}

  isConfigured(provider: string): boolean {
    switch (provider) {
      case 'demo':
        return true;
      case 'openai':
        return !!this.settings.openai;
      case 'anthropic':
        return !!this.settings.anthropic;
      case 'google':
        return !!this.settings.google;
      case 'openai-compatible':
        return !!this.settings.openaiCompatible;
      default:
        return false;
    }
  }

  /** Every known provider, whether configured or not, with its catalog models (no secrets). */
  list(): ProviderInfo[] {
    return providerIds.map((id) => {
      const configured = this.isConfigured(id);
      const models: ModelInfo[] =
        id === 'demo'
          ? [{ id: DEMO_MODEL, name: DEMO_LABEL, price: catalogPrice(DEMO_PROVIDER, DEMO_MODEL) }]
          : id === 'openai-compatible'
            ? (this.settings.openaiCompatible?.models ?? []).map((m) => ({ id: m, name: m }))
            : catalogModels(id);
      return {
        id,
        label: providerLabels[id],
        configured,
        configureWith: configured ? undefined : envHint[id] || undefined,
        baseURL: this.baseURL(id),
        models,
      };
    });
  }

  private baseURL(id: ProviderId): string | undefined {
    if (id === 'openai') return this.settings.openai?.baseURL;
    if (id === 'anthropic') return this.settings.anthropic?.baseURL;
    if (id === 'google') return this.settings.google?.baseURL;
    if (id === 'openai-compatible') return this.settings.openaiCompatible?.baseURL;
    return undefined;
  }

  /** An AI SDK model for `provider`/`modelName`; throws MODEL_NOT_CONFIGURED naming the env var to set. */
  languageModel(provider: string, modelName: string): LanguageModelV4 {
    const key = `${provider}\u0000${modelName}`;
    let model = this.cache.get(key);
    if (!model) {
      model = this.create(provider, modelName);
      this.cache.set(key, model);
    }
    return model;
  }

  /** An embedding model of a configured provider (OpenAI, Google, or an OpenAI-compatible server such as Ollama). */
  embeddingModel(provider: string, modelName: string): EmbeddingModelV4 {
    const s = this.settings;
    if (provider === 'openai' && s.openai)
      return createOpenAI({ ...s.openai, fetch: checkedFetch }).embedding(modelName);
    if (provider === 'google' && s.google)
      return createGoogleGenerativeAI({ ...s.google, fetch: checkedFetch }).embedding(modelName);
    if (provider === 'openai-compatible' && s.openaiCompatible) {
      const { baseURL, apiKey } = s.openaiCompatible;
      return createOpenAICompatible({ name: 'openai-compatible', baseURL, apiKey, fetch: checkedFetch }).embeddingModel(
        modelName,
      );
    }
    if (!['openai', 'google', 'openai-compatible'].includes(provider))
      throw new TrellisError('UNKNOWN_PROVIDER', `Provider '${provider}' offers no embedding models here`, {
        details: { provider },
      });
    const variable = envHint[provider as ProviderId];
    throw new TrellisError('MODEL_NOT_CONFIGURED', `Provider '${provider}' is not configured: set ${variable}`, {
      details: { provider, configureWith: variable },
    });
  }

  private create(provider: string, modelName: string): LanguageModelV4 {
    const s = this.settings;
    switch (provider) {
      case 'demo':
        return createDemoModel();
      case 'openai':
        if (s.openai) return createOpenAI({ ...s.openai, fetch: checkedFetch })(modelName);
        break;
      case 'anthropic':
        if (s.anthropic) return createAnthropic({ ...s.anthropic, fetch: checkedFetch })(modelName);
        break;
      case 'google':
        if (s.google) return createGoogleGenerativeAI({ ...s.google, fetch: checkedFetch })(modelName);
        break;
      case 'openai-compatible':
        if (s.openaiCompatible) {
          const { baseURL, apiKey } = s.openaiCompatible;
          return createOpenAICompatible({
            name: 'openai-compatible',
            baseURL,
            apiKey,
            includeUsage: true,
            fetch: checkedFetch,
          })(modelName);
        }
        break;
      default:
        throw new TrellisError('UNKNOWN_PROVIDER', `Unknown model provider '${provider}'`, {
          details: { provider, known: [...providerIds] },
        });
    }
    const variable = envHint[provider as ProviderId];
    throw new TrellisError('MODEL_NOT_CONFIGURED', `Provider '${provider}' is not configured: set ${variable}`, {
      details: { provider, configureWith: variable },
    });
  }
}
