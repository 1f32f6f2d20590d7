import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_WORDS } from '../routes/console/audit-words';

/** Every action the server records (`action: '…'` next to recordAudit) reads as words in the console's audit log, in both languages. */
const SERVER = resolve(import.meta.dirname, '../../server');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** `action: 'a.b'`, or a choice of dotted actions such as `action: x ? 'response.exclude' : 'response.restore'`. */
const actionsIn = (text: string) => [...text.matchAll(/\baction: ([^,\n]+)/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/'([a-z_]+\.[a-z_.]+)'/g)].map((a) => a[1] as string));
const recorded = [...new Set(sources(SERVER).flatMap((file) => actionsIn(readFileSync(file, 'utf8'))))].sort();

describe('audit action words', () => {
  it('finds the recorded actions', () => {
    expect(recorded).toContain('campaign.units.import');
    expect(recorded.length).toBeGreaterThan(15);
  });

  it.each(['vi', 'en'] as const)('lists every recorded action in %s, and nothing the server never records', (lang) => {
    expect(Object.keys(ACTION_WORDS[lang]).sort()).toEqual(recorded);
  });
});
