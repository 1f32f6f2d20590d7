import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../server/config';

/**
 * What backup, restore and move share: which database the configuration names (the same
 * DATABASE_URL / DATA_DIR the server reads), messages in Vietnamese then English, and the
 * PostgreSQL client tools.
 */
export type Configured = { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string };

export function configured(env: NodeJS.ProcessEnv = process.env): Configured {
  const config = loadConfig(env);
  return config.DATABASE_URL ? { engine: 'postgres', url: config.DATABASE_URL } : { engine: 'pglite', dataDir: resolve(config.DATA_DIR) };
}

export function say(vi: string, en: string): void {
  console.log(`${vi}\n  (${en})`);
}

/** A refusal or failure a person can act on: printed in both languages, exit code 1. */
export class Refusal extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof Refusal) console.error(`Lỗi: ${err.vi}\n  (Error: ${err.en})`);
    else console.error('Lỗi không mong đợi (unexpected error):', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}

/** pg_dump / pg_restore: on PATH, else the newest under /usr/lib/postgresql (Debian), or PG_BIN. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return join(root, newest, 'bin', name);
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return name;
  } catch {
    throw new Refusal(`không tìm thấy ${name}; hãy cài gói postgresql-client`, `${name} not found; install postgresql-client`);
  }
}

/**
 * The embedded database admits one process at a time: refuse while the service answers on
 * its port with the embedded engine (stop it first; docs/OPERATIONS.md).
 */
export async function refuseIfEmbeddedServerRuns(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = loadConfig(env).PORT;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { database?: string };
    if (body.database === 'pglite') {
      throw new Refusal(
        `dịch vụ đang chạy trên cổng ${port} với cơ sở dữ liệu nhúng; hãy dừng dịch vụ trước (systemctl stop par-survey)`,
        `the service is running on port ${port} on the embedded database; stop it first (systemctl stop par-survey)`,
      );
    }
  } catch (err) {
    if (err instanceof Refusal) throw err;
    // Nothing listening: fine.
  }
}
