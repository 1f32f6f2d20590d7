/**
 * The one place numbers are written for people (docs/API.md §10 scores, "Numbers for people"):
 * Vietnamese format everywhere, whatever the interface language: a decimal comma and a dot
 * between thousands (41,8; 12.345). Zod-free, so the console and the server's people's
 * exports share it; the CSV/XLSX for the index software keep plain machine numbers.
 */
const formatters = new Map<number, Intl.NumberFormat>();

function formatter(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, f);
  }
  return f;
}

/** `x` with exactly `digits` decimals (0 by default); "—" for a missing figure. */
export function formatNumber(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  // -0,0 reads as a sign error: a figure that rounds to zero is written without one.
  const rounded = formatter(digits).format(x);
  return /^-0(,0+)?$/.test(rounded) ? rounded.slice(1) : rounded;
}

/** A count: a whole number with thousands separated by dots (12.345). */
export const formatCount = (n: number | null | undefined): string => formatNumber(n, 0);

/** A percentage figure (already 0–100) with one decimal: 41,8. */
export const formatPercent = (x: number | null | undefined, digits = 1): string => formatNumber(x, digits);

/** An interval "38,2–45,1" (an en dash, no spaces). */
export const formatInterval = (lo: number, hi: number, digits = 1): string => `${formatNumber(lo, digits)}–${formatNumber(hi, digits)}`;

const decimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 3 });

/** A weight or a maximum of points: as many decimals as it has, at most 3 (0,6; 1; 2,25). */
export function formatDecimal(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return decimals.format(x);
}
