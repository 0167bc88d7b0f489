// vitest globalSetup for browser tests: makes sure the workspace UI build is current (the server serves it).
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
}
