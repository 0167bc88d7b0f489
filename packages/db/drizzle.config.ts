// drizzle-kit configuration. `npm run db:generate` runs from the repository root and drizzle-kit resolves these
// paths against the working directory, not this file, so they are root-relative.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './packages/db/migrations',
  casing: 'snake_case',
});
