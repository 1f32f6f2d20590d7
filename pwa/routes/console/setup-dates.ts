/**
 * Campaign dates are days in Vietnam (UTC+7, no daylight saving): a campaign opens at the
 * start of its first day and closes at the end of its last, wherever the admin's laptop is.
 */
export const dayStart = (day: string): string => `${day}T00:00:00+07:00`;
export const dayEnd = (day: string): string => `${day}T23:59:59+07:00`;

/**
 * The Vietnamese calendar day of an instant (an <input type="date"> value), and a campaign day
 * as text the way Vietnamese readers write it, "01/11/2026": defined once, with the server's
 * workbook for people (survey-forms/src/vietnam-day.ts). Inputs of type date follow the browser instead.
 */
export { formatDay, vnDay } from '../../../survey-forms/src/vietnam-day';
