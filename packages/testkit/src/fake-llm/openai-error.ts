// OpenAI's error body `{ error: { message, type, param, code } }`, shared by every /v1 OpenAI endpoint.

export function openaiErrorBody(status: number, message: string): unknown {
  const [type, code] = openaiErrorKind(status);
  return { error: { message, type, param: null, code } };
}

function openaiErrorKind(status: number): [type: string, code: string | null] {
  if (status === 401) return ['invalid_request_error', 'invalid_api_key'];
  if (status === 404) return ['invalid_request_error', 'model_not_found'];
  if (status === 429) return ['requests', 'rate_limit_exceeded'];
  if (status >= 500) return ['server_error', null];
  return ['invalid_request_error', null];
}
