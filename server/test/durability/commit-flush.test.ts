import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The embedded default is durable (db/pglite-durable.ts): between a POST /api/sync and its
 * reply the kernel sees an fsync of the WAL. strace watches a child process from outside, so
 * the test does not trust the code it checks; the control (PGlite as shipped) must show none,
 * so the probe can tell the two apart. Needs strace (.ci/run installs it).
 */
const PROBE = 'server/test/durability/commit-probe.ts';

function flushesBetweenRequestAndReply(mode: 'durable' | 'stock', dir: string): { status: string; flushes: string[] } {
  const trace = join(dir, `${mode}.trace`);
  const out = execFileSync(
    'strace',
    ['-f', '-y', '-qq', '-e', 'trace=fsync,fdatasync,access,faccessat,faccessat2', '-o', trace, process.execPath, '--import', 'tsx', PROBE, mode, join(dir, mode)],
    { encoding: 'utf8', timeout: 150_000 },
  );
  const lines = readFileSync(trace, 'utf8').split('\n');
  const from = lines.findIndex((l) => l.includes('marker-request'));
  const to = lines.findIndex((l) => l.includes('marker-reply'));
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  const flushes = lines.slice(from, to + 1).filter((l) => /\b(fsync|fdatasync)\(/.test(l));
  return { status: (JSON.parse(out.trim()) as { status: string }).status, flushes };
}

describe('embedded database durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'par-durable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('strace is available', () => {
    expect(spawnSync('strace', ['-V']).status).toBe(0);
  });

  it('fsyncs the WAL before /api/sync replies; PGlite as shipped does not', { timeout: 320_000 }, () => {
    const durable = flushesBetweenRequestAndReply('durable', dir);
    expect(durable.status).toBe('accepted');
    expect(durable.flushes.some((l) => /fsync\(\d+<[^>]*\/pg_wal\/[0-9A-F]{24}>/.test(l))).toBe(true);

    const stock = flushesBetweenRequestAndReply('stock', dir);
    expect(stock.status).toBe('accepted');
    expect(stock.flushes).toEqual([]);
  });
});
