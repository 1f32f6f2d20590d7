/**
 * The few figures the benchmark sections share, defined once so every table in
 * docs/BENCHMARKS.md computes a median or a percentile the same way.
 */

/** The value at the `p`th percentile of an ascending list (nearest rank, rounding down; 0 when empty). */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The median of `xs` in any order: the middle value, or the mean of the middle two (0 when empty). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** The Result column of a row with a target. */
export const pass = (ok: boolean): string => (ok ? '✅ pass' : '❌ fail');
