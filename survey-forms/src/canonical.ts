import type { Response } from './response';

/**
 * Canonical JSON of a response's content: keys sorted, optional fields that are absent
 * left out. Two submissions with the same id are the same response exactly when their
 * canonical forms are equal (docs/API.md §8 sync: duplicate vs conflict). Pure, so the device
 * and the server compute the same string; hashing is left to the caller's platform.
 */
export function canonicalResponse(r: Response): string {
  return canonicalJson(r);
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
