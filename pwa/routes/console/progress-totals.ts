import type { ProgressReply } from './types';

/**
 * The console's total line, taken from the API's own totals: a cross-evaluation response
 * counts once there, while the unit rows count it once for every unit it rates, so summing
 * the rows over-counts (the "45 / 4980" that disagreed with the response count).
 */
export function progressTotals(reply: ProgressReply, group: string): { quota: number; responses: number } {
  if (!group) return reply.totals;
  const g = reply.groups.find((x) => x.group === group);
  return g ? { quota: g.quota, responses: g.responses } : { quota: 0, responses: 0 };
}
