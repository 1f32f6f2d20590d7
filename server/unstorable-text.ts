import type { PathError } from './errors';

/**
 * What PostgreSQL cannot store, or would store altered: U+0000 in text or jsonb (refused by
 * both engines with a 500 before this check existed) and unpaired UTF-16 surrogates (silently
 * turned into U+FFFD on the way to UTF-8). Also refuses nesting deeper than any real request
 * (a campaign definition is about 10 levels deep), so a 100 000-deep array costs nothing later.
 * One definition, used by the global check on every request (plugins/input-guard.ts) and per
 * item by sync (services/sync-check.ts), where one bad response must not fail the others.
 */
const MAX_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'chứa ký tự NUL (U+0000), không lưu được (NUL character)';
  if (LONE_SURROGATE.test(text)) return 'chứa ký tự UTF-16 lẻ, không lưu được (unpaired surrogate)';
  return undefined;
}

/** The first unstorable string (value or object key) in `value`, with its path from `root`; iterative, so depth cannot overflow the stack. */
export function findUnstorableText(value: unknown, root: string): PathError | undefined {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path, message: problem };
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return { path, message: `lồng nhau quá ${MAX_DEPTH} cấp (nested too deeply)` };
      for (const [key, child] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: at, message: `tên trường ${keyProblem}` };
        stack.push([child, at, depth + 1]);
      }
    }
  }
  return undefined;
}
