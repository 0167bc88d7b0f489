// OpenAI's model listing (`GET /v1/models` and `GET /v1/models/{id}`) for clients that probe it.

import { openaiErrorBody } from './openai-error';

export const DEFAULT_MODELS = ['gpt-fake', 'claude-fake', 'gemini-fake'];

const MODEL_ROUTE = /^\/v1\/models(?:\/([^/]+))?$/;

export interface ModelsAnswer {
  status: number;
  body: unknown;
}

/** The answer for a models route, or undefined when the request is not one. */
export function answerModels(method: string, url: URL, models: string[], createdAt: number): ModelsAnswer | undefined {
  const found = method === 'GET' ? MODEL_ROUTE.exec(url.pathname) : null;
  if (!found) return undefined;
  const describe = (id: string) => ({ id, object: 'model', created: createdAt, owned_by: 'trellis-testkit' });
  if (found[1] === undefined) return { status: 200, body: { object: 'list', data: models.map(describe) } };
  const id = decodeURIComponent(found[1]);
  return models.includes(id)
    ? { status: 200, body: describe(id) }
    : { status: 404, body: openaiErrorBody(404, `The model '${id}' does not exist`) };
}
