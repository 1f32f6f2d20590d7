import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `npm run <script> -- <args>` from the repository root as docs/OPERATIONS.md writes it. */
export function npmRun(script: string, args: string[], env: Record<string, string>): { status: number | null; output: string } {
  const r = spawnSync('npm', ['run', '-s', script, '--', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
