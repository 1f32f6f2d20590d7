import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * The Vietnam day of a stored instant, as 'YYYY-MM-DD': Vietnam has kept UTC+7 all year since
 * 1975, so it is the instant's UTC+7 date. What response-level views and progress show of a
 * response's completion on the device: a day, never a time of day (docs/PRIVACY.md
 * "What remains", device times).
 */
export const vietnamDaySql = (at: SQLWrapper): SQL<string> => sql<string>`to_char((${at} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;
