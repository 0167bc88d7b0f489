// Public entry of @trellis/testkit: fake LLM provider servers that speak the real wire protocols on 127.0.0.1.

export {
  adminQuery,
  createTestDatabase,
  ensureOrdinaryRole,
  ORDINARY_ROLE,
  prepareTemplate,
  type TestDbKind,
  type TestDbTemplate,
  withDatabase,
} from './database';
export { startFakeLlm } from './fake-llm/server';
export type {
  FakeFinishReason,
  FakeLlm,
  FakeProvider,
  FakeToolCall,
  FakeTurn,
  FakeUsage,
  RecordedHeaders,
  RecordedRequest,
  StartFakeLlmOptions,
} from './fake-llm/types';
export { type FakeOidc, type FakeOidcUser, startFakeOidc } from './fake-oidc';
export { seededRandom } from './seeded-random';
