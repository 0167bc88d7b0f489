// The local rule tier's entry points for the run pipeline: which spans to redact in a text (PII, secrets, or both,
// read from one normalization) and whether a text reads as a prompt injection.
import { checkInjection } from './injection';
import { normalize } from './normalize';
import { findPii, type PiiKind } from './pii';
import { findSecrets, type SecretKind } from './secrets';
import type { Span } from './span';

export { checkInjection };
export type RuleKind = PiiKind | SecretKind;

export interface ScanOptions {
  pii: boolean;
  secrets: boolean;
}

/** The spans of `text` (raw coordinates) to redact: secrets first, so they name a span a PII match overlaps. */
export function scanText(text: string, options: ScanOptions): Span<RuleKind>[] {
  const normalized = normalize(text);
  return [...(options.secrets ? findSecrets(normalized) : []), ...(options.pii ? findPii(normalized) : [])];
}
