// Token counting with a real BPE tokenizer (o200k_base, the GPT-4o family encoding), loaded on first use.
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

let encoder: Tiktoken | undefined;

/** Number of o200k_base tokens in `text`. */
export function countTokens(text: string): number {
  if (!text) return 0;
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}
