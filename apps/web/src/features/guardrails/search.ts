// The Guardrails page's URL search: the event filters, with the values the events API accepts.
import type { GuardrailEvent } from '@/lib/types';
import type { GuardrailKey } from './checks';

/** Every kind of event, most severe first (a record, so that a kind the API adds is a compile error here). */
const types = { BLOCKED: true, MODIFIED: true, FLAGGED: true } satisfies Record<GuardrailEvent['type'], true>;
export const guardrailEventTypes = Object.keys(types) as GuardrailEvent['type'][];

const keys = {
  'input.maxLength': true,
  'input.pii': true,
  'input.injection': true,
  'input.blockedPatterns': true,
  'output.maxLength': true,
  'output.pii': true,
  'output.secrets': true,
  'output.toxicity': true,
  'output.blockedPatterns': true,
  'execution.maxDurationMs': true,
  'execution.maxToolCalls': true,
  'execution.maxCostUsd': true,
  'scan.error': true,
} satisfies Record<GuardrailKey, true>;
/** Every guardrail an event can name, in the order of the policy editor. */
export const guardrailKeys = Object.keys(keys) as GuardrailKey[];

export interface GuardrailEventFilters {
  type?: GuardrailEvent['type'];
  guardrailKey?: GuardrailKey;
}
