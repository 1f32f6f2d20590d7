import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Transactions are decided in one place (docs/ARCHITECTURE.md §5): services take the caller's
 * `Tx` and never open one, so any service can join its caller's transaction. Reads the
 * source; no database.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = join(ROOT, 'server/services');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('transactions are opened outside server/services', () => {
  it('finds the service files it checks', () => {
    expect(sourceFiles(SERVICES).length).toBeGreaterThan(10);
  });

  it('no service calls .transaction( itself', () => {
    const offenders = sourceFiles(SERVICES).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\.transaction\s*\(/.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
