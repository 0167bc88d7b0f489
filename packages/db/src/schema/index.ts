// The whole Drizzle schema: every table, enum, zod schema and relation of Trellis, one module per domain.
// (columns.ts and rollup-columns.ts are internal helpers and deliberately not re-exported.)
export * from './agents';
export * from './alerts';
export * from './analytics';
export * from './auth';
export * from './channels';
export * from './costs';
export * from './enums';
export * from './evaluations';
export * from './goals';
export * from './guardrails';
export * from './json';
export * from './knowledge';
export * from './learning';
export * from './memory';
export * from './rate-limits';
export * from './relations';
export * from './runs';
export * from './tools';
export * from './workflows';
