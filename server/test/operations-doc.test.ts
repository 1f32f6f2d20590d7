import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * docs/OPERATIONS.md names only npm scripts that exist, and each one it documents is run as
 * written by the test its "Tested" table names (those tests call `npm run <script> -- …`).
 */
describe('docs/OPERATIONS.md', () => {
  const doc = readFileSync('docs/OPERATIONS.md', 'utf8');
  const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);

  it('names only npm scripts that exist', () => {
    const named = [...new Set([...doc.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1] as string))];
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
  });

  it('has a test for each operations command, and the tests exist and run that command', () => {
    for (const [script, test] of [
      ['backup', 'scripts/db/test/backup-restore.test.ts'],
      ['restore', 'scripts/db/test/backup-restore.test.ts'],
      ['db:move', 'scripts/db/test/move.test.ts'],
    ] as const) {
      expect(doc).toContain(`npm run ${script}`);
      expect(readFileSync(test, 'utf8')).toContain(`npmRun('${script}'`);
    }
  });
});
