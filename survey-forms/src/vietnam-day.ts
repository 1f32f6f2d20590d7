/**
 * Days in Vietnam (UTC+7 all year, no daylight saving), whatever the reader's or the server's
 * time zone: the console's campaign dates and the title of a published version's workbook.
 * Zod-free, for the console chunk. (The SQL side of the same rule: server/services/vietnam-day.ts.)
 */

/** The Vietnamese calendar day of an instant, as an <input type="date"> value ('' when not an instant). */
export function vnDay(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A day as Vietnamese readers write it: "01/11/2026" (dd/mm/yyyy); text that is not an instant comes back as it is. */
export function formatDay(iso: string): string {
  const [y, m, d] = vnDay(iso).split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}
