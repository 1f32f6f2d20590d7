/**
 * Campaign dates are days in Vietnam (UTC+7, no daylight saving): a campaign opens at the
 * start of its first day and closes at the end of its last, wherever the admin's laptop is.
 */
export const dayStart = (day: string): string => `${day}T00:00:00+07:00`;
export const dayEnd = (day: string): string => `${day}T23:59:59+07:00`;

/** The Vietnamese calendar day of an instant, as an <input type="date"> value. */
export function vnDay(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A campaign day as text, the way Vietnamese readers write it: "01/11/2026" (dd/mm/yyyy), the
 * day in Vietnam whatever the reader's time zone. Inputs of type date follow the browser instead.
 */
export function formatDay(iso: string): string {
  const [y, m, d] = vnDay(iso).split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}
