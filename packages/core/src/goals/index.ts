// Goal orchestration: goals planned by an orchestrator agent into steps delegated to agents, with retries.
export * from './execute';
export * from './plan';
export * from './recovery';
export * from './schemas';
export * from './service';
