// Token counting with a real BPE tokenizer (o200k_base, the GPT-4o family encoding), loaded on first use.
import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

let encoder: Tiktoken | undefined;

/** Number of o200k_base tokens in `text`. */
export function countTokens(text: string): number {
  if (!text) return 0;
  // Its ranks (4 MB of text) are read here rather than at start.
  encoder ??= new Tiktoken(createRequire(import.meta.url)('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  return encoder.encode(text).length;
}
