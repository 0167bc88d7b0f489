// The Configure form's model: an agent as editable text, back to an API payload (with the client's own checks), the
// fields that changed, and validation issues keyed by field path (`modelConfig.topP`) from the client or the API.
import { ApiError } from '@/lib/api';
import type { Agent } from '@/lib/types';
import { canonicalJson, prettyJson } from './agent-fields';
import type { AgentInput } from './api';

type ModelConfig = NonNullable<Agent['modelConfig']>;
type MemoryConfig = NonNullable<Agent['memoryConfig']>;

/** The numeric model options, rendered as one input each. */
export const modelConfigNumbers = [
  { key: 'topP', label: 'Top P', hint: 'Nucleus sampling, 0–1', min: 0, max: 1, step: 0.01 },
  { key: 'topK', label: 'Top K', hint: 'Sample from the K likeliest tokens', min: 1, step: 1 },
  { key: 'frequencyPenalty', label: 'Frequency penalty', hint: 'Discourages repeated tokens', step: 0.1 },
  { key: 'presencePenalty', label: 'Presence penalty', hint: 'Encourages new topics', step: 0.1 },
  { key: 'seed', label: 'Seed', hint: 'Same seed, same sampling', step: 1 },
  { key: 'maxRetries', label: 'Max retries', hint: 'On provider errors', min: 0, step: 1 },
] as const satisfies readonly {
  key: keyof ModelConfig;
  label: string;
  hint: string;
  step: number;
  min?: number;
  max?: number;
}[];
type NumberOption = (typeof modelConfigNumbers)[number]['key'];

export interface FormState {
  name: string;
  slug: string;
  description: string;
  instructions: string;
  instructionsTemplate: string;
  modelProvider: string;
  modelName: string;
  temperature: string;
  maxTokens: string;
  maxSteps: string;
  modelConfig: Record<NumberOption, string> & { stopSequences: string[]; providerOptions: string };
  outputSchema: string;
  memoryEnabled: boolean;
  memory: {
    lastMessages: string;
    semanticRecall: boolean;
    topK: string;
    messageRange: string;
    workingMemory: boolean;
    template: string;
  };
  tools: string[];
  scorers: string[];
  scorerSampleRate: string;
  tags: string[];
  isActive: boolean;
  isPublic: boolean;
  metadata: string;
}

/** What the form saves: every editable field of the agent. */
export type Payload = Required<Omit<AgentInput, 'versionDescription'>>;
export type PayloadField = keyof Payload;

export interface Issue {
  path: string;
  message: string;
}

const text = (v: number | null | undefined) => (v == null ? '' : String(v));
const jsonText = (v: unknown) => (v == null ? '' : prettyJson(v));

export function toForm(agent: Agent): FormState {
  const mc: ModelConfig = agent.modelConfig ?? {};
  const mem: MemoryConfig = agent.memoryConfig ?? {};
  const recall = mem.semanticRecall || undefined;
  return {
    name: agent.name,
    slug: agent.slug,
    description: agent.description ?? '',
    instructions: agent.instructions,
    instructionsTemplate: agent.instructionsTemplate ?? '',
    modelProvider: agent.modelProvider,
    modelName: agent.modelName,
    temperature: text(agent.temperature),
    maxTokens: text(agent.maxTokens),
    maxSteps: text(agent.maxSteps),
    modelConfig: {
      ...(Object.fromEntries(modelConfigNumbers.map((o) => [o.key, text(mc[o.key])])) as Record<NumberOption, string>),
      stopSequences: mc.stopSequences ?? [],
      providerOptions: jsonText(mc.providerOptions),
    },
    outputSchema: jsonText(agent.outputSchema),
    memoryEnabled: agent.memoryEnabled,
    memory: {
      lastMessages: text(mem.lastMessages),
      semanticRecall: !!recall,
      topK: text(recall?.topK),
      messageRange: text(recall?.messageRange),
      workingMemory: mem.workingMemory?.enabled ?? false,
      template: mem.workingMemory?.template ?? '',
    },
    tools: [...agent.tools].sort(),
    scorers: agent.scorers,
    scorerSampleRate: text(agent.scorerSampleRate),
    tags: agent.tags,
    isActive: agent.isActive,
    isPublic: agent.isPublic,
    metadata: jsonText(agent.metadata),
  };
}

/** Drops undefined values so that an empty object can be recognised. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Converts the form to the API payload, collecting what the client can tell is wrong (not numbers, bad JSON). */
export function toPayload(form: FormState): { payload: Payload; issues: Issue[] } {
  const issues: Issue[] = [];
  const num = (value: string, path: string, required = false): number | undefined => {
    if (!value.trim()) {
      if (required) issues.push({ path, message: 'Required' });
      return undefined;
    }
    const n = Number(value);
    if (Number.isNaN(n)) issues.push({ path, message: 'Enter a number' });
    return n;
  };
  const jsonObject = <T>(value: string, path: string): T | undefined => {
    if (!value.trim()) return undefined;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as T;
      issues.push({ path, message: 'Must be a JSON object, like {"key": "value"}' });
    } catch (e) {
      issues.push({ path, message: `Invalid JSON: ${(e as Error).message}` });
    }
    return undefined;
  };

  const mc = form.modelConfig;
  const modelConfig: ModelConfig = compact({
    ...Object.fromEntries(modelConfigNumbers.map((o) => [o.key, num(mc[o.key], `modelConfig.${o.key}`)])),
    stopSequences: mc.stopSequences.length ? mc.stopSequences : undefined,
    providerOptions: jsonObject<ModelConfig['providerOptions']>(mc.providerOptions, 'modelConfig.providerOptions'),
  });
  const m = form.memory;
  const workingMemory = compact({ enabled: m.workingMemory || undefined, template: m.template || undefined });
  const memoryConfig: MemoryConfig = compact({
    lastMessages: num(m.lastMessages, 'memoryConfig.lastMessages'),
    semanticRecall: m.semanticRecall
      ? compact({
          topK: num(m.topK, 'memoryConfig.semanticRecall.topK'),
          messageRange: num(m.messageRange, 'memoryConfig.semanticRecall.messageRange'),
        })
      : undefined,
    workingMemory: Object.keys(workingMemory).length ? workingMemory : undefined,
  });

  const payload: Payload = {
    name: form.name,
    slug: form.slug,
    description: form.description.trim() ? form.description : null,
    instructions: form.instructions,
    instructionsTemplate: form.instructionsTemplate.trim() ? form.instructionsTemplate : null,
    modelProvider: form.modelProvider,
    modelName: form.modelName,
    temperature: num(form.temperature, 'temperature') ?? null,
    maxTokens: num(form.maxTokens, 'maxTokens') ?? null,
    maxSteps: num(form.maxSteps, 'maxSteps', true) ?? 0,
    modelConfig: Object.keys(modelConfig).length ? modelConfig : null,
    outputSchema: jsonObject<Record<string, unknown>>(form.outputSchema, 'outputSchema') ?? null,
    memoryEnabled: form.memoryEnabled,
    memoryConfig: Object.keys(memoryConfig).length ? memoryConfig : null,
    tools: [...form.tools].sort(),
    scorers: form.scorers,
    scorerSampleRate: num(form.scorerSampleRate, 'scorerSampleRate') ?? null,
    tags: form.tags,
    isActive: form.isActive,
    isPublic: form.isPublic,
    metadata: jsonObject<Record<string, unknown>>(form.metadata, 'metadata') ?? null,
  };
  return { payload, issues };
}

/** The payload fields whose value differs (key order of JSON objects does not count). */
export function changedFields(before: Payload, after: Payload): PayloadField[] {
  return (Object.keys(after) as PayloadField[]).filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
}

/** The API's validation issues with their full paths; a field-level error without issues counts for its field. */
export function apiIssues(error: unknown): Issue[] {
  if (!(error instanceof ApiError)) return [];
  const issues = [...(error.details?.issues ?? [])];
  const field = error.details?.field;
  if (field && !issues.some((i) => i.path === field)) issues.push({ path: field, message: error.message });
  return issues;
}

/** The id of the control that edits `path`, so messages and the summary can point at it. */
export const controlId = (path: string) => `cfg-${path.replaceAll('.', '-')}`;

/** Focuses the control for `path`, or the nearest enclosing one (`modelConfig` for `modelConfig.x`). */
export function focusControl(path: string) {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(controlId(parts.slice(0, n).join('.')));
    if (el) {
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.focus({ preventScroll: true });
      return;
    }
  }
}
