// One call to a judge model that must answer with a JSON object: the guardrails' LLM tier and the llm-judge test
// match mode use it. On the request path it retries once and never takes longer than 15 s; its errors are plain and
// short, because a provider error object carries the whole request (the user's text included).
import { generateText } from 'ai';
import type { z } from 'zod';
import type { ServiceContext } from '../context';

export type JudgeModel = ReturnType<ServiceContext['runtime']['models']['languageModel']>;

/** The model a `provider/model` setting names, or null when unset or its provider is not configured here. */
export function judgeModel(ctx: Pick<ServiceContext, 'runtime'>, name: string | undefined): JudgeModel | null {
  if (!name) return null;
  const [provider, ...rest] = name.split('/');
  try {
    return ctx.runtime.models.languageModel(provider, rest.join('/'));
  } catch {
    return null;
  }
}

export async function askJudge<T extends z.ZodType>(
  model: JudgeModel,
  request: { name: string; system: string; prompt: string; schema: T; signal?: AbortSignal; maxOutputTokens?: number },
): Promise<z.output<T>> {
  const timeout = AbortSignal.timeout(15_000);
  try {
    const { text } = await generateText({
      model,
      temperature: 0,
      maxOutputTokens: request.maxOutputTokens ?? 300,
      maxRetries: 1,
      abortSignal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      system: `${request.system} Answer with one JSON object and nothing else.`,
      prompt: request.prompt,
    });
    const json = /\{[\s\S]*\}/.exec(text)?.[0];
    if (!json) throw new Error('the judge answered without a JSON object');
    return request.schema.parse(JSON.parse(json));
  } catch (e) {
    throw new Error(`the judge ${request.name} failed: ${(e as Error).message.slice(0, 200)}`);
  }
}
