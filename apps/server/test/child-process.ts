// Helpers for tests that run Trellis as a real child process (crash recovery, the separate worker): a free port,
// a spawned `node --import tsx <script>` that resolves once it prints a ready line, and waiting for its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

/**
 * A free port picked at random below the kernel's ephemeral range, so that test files running side by side (and a
 * test that restarts a server on the port it just freed) do not draw the same port the way `listen(0)` can.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
}

export interface Child {
  proc: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/** Runs `args` (e.g. ['apps/server/src/main.ts']) from the repository root with `env` added to this process's. */
export function spawnTrellis(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (b) => {
    output += b;
  });
  proc.stderr?.on('data', (b) => {
    output += b;
  });
  return { proc, output: () => output };
}

/** Spawns and resolves once the child printed `ready` (rejects if it exits first or takes over 90 s). */
export async function startTrellis(args: string[], env: Record<string, string>, ready: string): Promise<Child> {
  const child = spawnTrellis(args, env);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${ready}" within 90 s:\n${child.output()}`)), 90_000);
    const check = () => {
      if (child.output().includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.proc.stdout?.on('data', check);
    child.proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${ready}":\n${child.output()}`));
    });
  });
  return child;
}

/** Resolves with the exit code once the process has exited. */
export const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    proc.exitCode !== null ? resolve(proc.exitCode) : proc.once('exit', (code) => resolve(code)),
  );
