// Cost recommendations for one agent from its last 30 days: (a) a cheaper model of the same provider whose success
// rate and quality on this agent's runs are close (measured when the agent ran it, else the nearest cheaper catalog
// model, quality unmeasured), (b) long prompts, (c) tools bound but never called. Savings are per month at the
// tenant's prices, from this agent's own token mix. A refresh replaces the agent's open recommendations.
import type { CostRecommendation, TokenUsage } from '@trellis/db';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { catalogCapabilities, catalogModels, costOf, type ModelPrice } from '../models/pricing';
import { countTokens } from '../models/tokenizer';
import { priceFor } from './prices';
import { RecommendationStore } from './recommendation-store';

export const RECOMMENDATION_WINDOW_DAYS = 30;
/** Average prompt tokens per run above which trimming is recommended. */
export const LONG_PROMPT_TOKENS = 4000;
/** Runs a model needs on this agent before its success rate and quality count as measured. */
export const MIN_MEASURED_RUNS = 5;
/** "Close": at most this much lower success rate (absolute) and mean quality score (0–1). */
export const MAX_SUCCESS_RATE_DROP = 0.05;
export const MAX_QUALITY_DROP = 0.05;
/** An unmeasured catalog suggestion must save at least this share of the current cost. */
const MIN_UNMEASURED_SAVING = 0.2;

export const recommendationTypes = ['cheaper-model', 'long-prompts', 'unused-tools'] as const;
type RecommendationType = (typeof recommendationTypes)[number];

export interface Recommendation {
  type: RecommendationType;
  title: string;
  description: string;
  estimatedSavingsUsd: number | null;
  metadata: Record<string, string | number | boolean | null | string[]>;
}

interface ModelStats {
  provider: string;
  modelName: string;
  runs: number;
  successRate: number | null;
  quality: number | null;
}

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const usdText = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;

async function agentUsage(ctx: ServiceContext, agentId: string, since: Date) {
  const u = await RecommendationStore.of(ctx).usage(agentId, since);
  const usage: TokenUsage = {
    promptTokens: Number(u.promptTokens),
    completionTokens: Number(u.completionTokens),
    totalTokens: Number(u.promptTokens) + Number(u.completionTokens),
    cachedTokens: Number(u.cachedTokens),
    reasoningTokens: Number(u.reasoningTokens),
  };
  return { runs: u.runs, usage };
}

/** Success rate (COMPLETED over COMPLETED+FAILED) and mean scorer score of each model this agent ran. */
async function modelStats(ctx: ServiceContext, agentId: string, since: Date): Promise<ModelStats[]> {
  const rows = await RecommendationStore.of(ctx).modelStats(agentId, since);
  return rows.map((r) => ({
    ...r,
    successRate: r.successRate === null ? null : Number(r.successRate),
    quality: r.quality === null ? null : Number(r.quality),
  }));
}

/** True when `candidate` is measured as close to `current`: success rate, and quality where both have scores. */
function isClose(candidate: ModelStats, current: ModelStats): boolean {
  if (candidate.successRate === null || current.successRate === null) return false;
  if (candidate.successRate < current.successRate - MAX_SUCCESS_RATE_DROP) return false;
  if (candidate.quality !== null && current.quality !== null && candidate.quality < current.quality - MAX_QUALITY_DROP)
    return false;
  return true;
}

async function cheaperModel(
  ctx: ServiceContext,
  a: { modelProvider: string; modelName: string; tools: number },
  usage: TokenUsage,
  runs: number,
  price: ModelPrice,
  stats: ModelStats[],
): Promise<Recommendation | null> {
  const currentCost = costOf(usage, price).costUsd;
  if (currentCost <= 0) return null;
  const measured = (name: string) =>
    stats.find((s) => s.provider === a.modelProvider && s.modelName === name && s.runs >= MIN_MEASURED_RUNS);
  const current = measured(a.modelName);
  const candidates = [];
  for (const m of catalogModels(a.modelProvider)) {
    if (m.id === a.modelName) continue;
    const p = await priceFor(ctx, a.modelProvider, m.id);
    if (!p) continue;
    const saving = currentCost - costOf(usage, p).costUsd;
    if (saving > 0) candidates.push({ id: m.id, name: m.name, price: p, saving, stats: measured(m.id) });
  }
  const provenClose = current
    ? candidates.filter((c) => c.stats && isClose(c.stats, current)).sort((x, y) => y.saving - x.saving)[0]
    : undefined;
  const base = { provider: a.modelProvider, currentModel: a.modelName, runs30d: runs };
  if (provenClose?.stats && current) {
    const { stats: s } = provenClose;
    return {
      type: 'cheaper-model',
      title: `Switch to ${provenClose.id}: about ${usdText(provenClose.saving)} a month less`,
      description: `On this agent's last ${RECOMMENDATION_WINDOW_DAYS} days, ${provenClose.id} succeeded on ${pct(s.successRate ?? 0)} of ${s.runs} runs against ${pct(current.successRate ?? 0)} for ${a.modelName}${s.quality !== null && current.quality !== null ? `, with mean quality ${s.quality.toFixed(2)} against ${current.quality.toFixed(2)}` : ' (quality: no scores to compare)'}. Saving estimated from this agent's token mix at your prices.`,
      estimatedSavingsUsd: round(provenClose.saving),
      metadata: { ...base, suggestedModel: provenClose.id, qualityMeasured: true },
    };
  }
  // Measured as worse: do not suggest it. Otherwise the nearest cheaper tier that fits the agent's use.
  const avgPrompt = runs ? usage.promptTokens / runs : 0;
  const fits = candidates.filter((c) => {
    if (c.stats && current && !isClose(c.stats, current)) return false;
    const caps = catalogCapabilities(a.modelProvider, c.id);
    if (caps.textOutput === false || (a.tools > 0 && caps.toolCall === false)) return false;
    if (caps.contextLimit !== undefined && caps.contextLimit < avgPrompt * 2) return false;
    return c.saving >= currentCost * MIN_UNMEASURED_SAVING;
  });
  const nearest = fits.sort((x, y) => x.saving - y.saving)[0];
  if (!nearest) return null;
  return {
    type: 'cheaper-model',
    title: `Try ${nearest.id}: about ${usdText(nearest.saving)} a month less`,
    description: `${nearest.name} costs less than ${a.modelName} for this agent's token mix (${Math.round(usage.promptTokens)} prompt and ${Math.round(usage.completionTokens)} completion tokens in ${RECOMMENDATION_WINDOW_DAYS} days). Its quality on this agent is unmeasured: run the agent's test cases on it before switching.`,
    estimatedSavingsUsd: round(nearest.saving),
    metadata: { ...base, suggestedModel: nearest.id, qualityMeasured: false },
  };
}

function longPrompts(usage: TokenUsage, runs: number, price: ModelPrice | undefined): Recommendation | null {
  const avg = runs ? usage.promptTokens / runs : 0;
  if (avg <= LONG_PROMPT_TOKENS) return null;
  const trimmed = (avg - LONG_PROMPT_TOKENS) * runs;
  const saving = price ? (trimmed * price.inputPerMTokUsd) / 1e6 : null;
  return {
    type: 'long-prompts',
    title: `Long prompts: ${Math.round(avg)} tokens per run on average`,
    description: `Prompts average ${Math.round(avg)} tokens (instructions, memory, tool results). Trimming them to ${LONG_PROMPT_TOKENS} tokens (shorter instructions, fewer remembered messages) would save ${saving === null ? 'an unknown amount (no price for this model)' : `about ${usdText(saving)} a month`}.`,
    estimatedSavingsUsd: saving === null ? null : round(saving),
    metadata: { averagePromptTokens: Math.round(avg), thresholdTokens: LONG_PROMPT_TOKENS, runs30d: runs },
  };
}

async function unusedTools(
  ctx: ServiceContext,
  agentId: string,
  since: Date,
  runs: number,
  price: ModelPrice | undefined,
): Promise<Recommendation | null> {
  if (!runs) return null;
  const store = RecommendationStore.of(ctx);
  const bound = await store.boundTools(agentId);
  const used = new Set(await store.calledTools(agentId, since));
  const unused = bound.filter((id) => !used.has(id));
  if (!unused.length) return null;
  // Every model call carries the tool definitions; a run makes at least one call.
  let tokens = 0;
  for (const id of unused) {
    const def = ctx.runtime.tools.get(id);
    if (!def) {
      tokens = 0; // an MCP or removed tool: its definition size is unknown here
      return withSaving(null);
    }
    const parameters = z.toJSONSchema(def.inputSchema, { io: 'input' });
    tokens += countTokens(JSON.stringify({ name: id, description: def.description, parameters }));
  }
  return withSaving(price ? (tokens * runs * price.inputPerMTokUsd) / 1e6 : null);

  function withSaving(saving: number | null): Recommendation {
    return {
      type: 'unused-tools',
      title: `${unused.length} tool${unused.length > 1 ? 's' : ''} never called in ${RECOMMENDATION_WINDOW_DAYS} days`,
      description: `${unused.join(', ')} ${unused.length > 1 ? 'are' : 'is'} bound to the agent but no run called ${unused.length > 1 ? 'them' : 'it'}. Each model call still sends their definitions${tokens ? ` (about ${tokens} prompt tokens)` : ''}; unbinding ${unused.length > 1 ? 'them' : 'it'} saves ${saving === null ? 'those tokens' : `at least ${usdText(saving)} a month`}.`,
      estimatedSavingsUsd: saving === null ? null : round(saving),
      metadata: { tools: unused, definitionTokens: tokens || null, runs30d: runs },
    };
  }
}

/** The recommendations for one agent of this tenant, computed now (nothing is stored). */
export async function computeRecommendations(ctx: ServiceContext, agentId: string): Promise<Recommendation[]> {
  const store = RecommendationStore.of(ctx);
  const a = await store.agentModel(agentId);
  if (!a) throw notFound('Agent', agentId);
  const since = new Date(ctx.clock().getTime() - RECOMMENDATION_WINDOW_DAYS * 86_400_000);
  const { runs, usage } = await agentUsage(ctx, agentId, since);
  const price = await priceFor(ctx, a.modelProvider, a.modelName);
  const tools = await store.toolCount(agentId);
  const out: (Recommendation | null)[] = [
    runs && price
      ? await cheaperModel(ctx, { ...a, tools }, usage, runs, price, await modelStats(ctx, agentId, since))
      : null,
    longPrompts(usage, runs, price),
    await unusedTools(ctx, agentId, since, runs, price),
  ];
  return out.filter((r): r is Recommendation => r !== null);
}

/** Recomputes the agent's recommendations and replaces its open (not dismissed) ones; returns the open list. */
export async function refreshRecommendations(ctx: ServiceContext, agentId: string): Promise<CostRecommendation[]> {
  const fresh = await computeRecommendations(ctx, agentId);
  await ctx.db.transaction(async (tx) => {
    const store = RecommendationStore.of(ctx, tx);
    await store.deleteOpen(agentId);
    if (fresh.length) await store.insert(agentId, fresh);
  });
  return listRecommendations(ctx, agentId);
}

/** The agent's open recommendations, largest saving first. */
export async function listRecommendations(ctx: ServiceContext, agentId: string): Promise<CostRecommendation[]> {
  return RecommendationStore.of(ctx).open(agentId);
}
