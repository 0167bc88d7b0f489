// The Chat Completions endpoint as an OpenAI-compatible provider sees it (createOpenAICompatible, includeUsage).

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { chatToolNames, chatToolResult, openaiErrorJson } from '../test-support/chat-body';
import { describeProviderContract } from '../test-support/provider-contract';

describeProviderContract({
  name: 'OpenAI-compatible chat completions',
  provider: 'openai-chat',
  modelId: 'llama-3.3-70b',
  model: (fake) =>
    createOpenAICompatible({
      name: 'local-compatible',
      baseURL: fake.openaiBaseURL,
      apiKey: 'sk-test-compatible',
      includeUsage: true,
    })('llama-3.3-70b'),
  auth: { header: 'authorization', value: 'Bearer sk-test-compatible' },
  toolNames: chatToolNames,
  toolResult: chatToolResult,
  errorBody: openaiErrorJson,
});
