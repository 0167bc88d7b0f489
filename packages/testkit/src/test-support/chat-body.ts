// Readers for Chat Completions request bodies, shared by the OpenAI and OpenAI-compatible test files.

interface ChatBody {
  messages: { role: string; content: string | null; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
}

export function chatToolNames(body: unknown): string[] {
  return ((body as ChatBody).tools ?? []).map((definition) => definition.function.name);
}

export function chatToolResult(body: unknown): { callId: string | undefined; output: unknown } {
  const message = (body as ChatBody).messages.find((candidate) => candidate.role === 'tool');
  return { callId: message?.tool_call_id, output: JSON.parse(message?.content ?? 'null') as unknown };
}

export function openaiErrorJson(message: string): unknown {
  return { error: { message, type: 'invalid_request_error', param: null, code: null } };
}
