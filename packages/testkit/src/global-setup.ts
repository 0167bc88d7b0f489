// vitest globalSetup: prepares the template database of this project's kind (TRELLIS_TEST_DB) once per run and
// provides it to the test files.
import type { TestProject } from 'vitest/node';
import { prepareTemplate, type TestDbKind, type TestDbTemplate } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    testDbTemplate: TestDbTemplate;
  }
}

export default async function setup(project: TestProject) {
  const kind = (project.config.env?.TRELLIS_TEST_DB ?? 'pglite') as TestDbKind;
  const { template, teardown } = await prepareTemplate(kind);
  project.provide('testDbTemplate', template);
  return teardown;
}
