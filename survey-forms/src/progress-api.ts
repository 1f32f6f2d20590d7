import { z } from 'zod';
import { UnitType } from './codes';

/**
 * Wire shape of docs/API.md §9 progress, the one definition: the server's response schema
 * validates it, the console reads it (type-only import). Dates are Vietnam days
 * (`YYYY-MM-DD`, UTC+7), never times of day (docs/PRIVACY.md).
 */
const Count = z.object({ quota: z.number().int(), responses: z.number().int() });

export const ProgressUnitRow = z.object({
  unitId: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** The unit's type and parent, for filtering (added in v1.2). */
  type: UnitType,
  parentId: z.uuid().nullable(),
  group: z.string(),
  quota: z.number().int(),
  /** The quota's minimum of valid respondents (0 without a quota): below it the unit's scores are provisional. */
  minimum: z.number().int(),
  responses: z.number().int(),
});
export type ProgressUnitRow = z.infer<typeof ProgressUnitRow>;

export const ProgressView = z
  .object({
    campaignId: z.uuid(),
    units: z.array(ProgressUnitRow),
    totals: Count,
    groups: z.array(Count.extend({ group: z.string() })),
    /** Distinct responses per day they were completed (Vietnam day), oldest first; days without responses are left out. */
    daily: z.array(z.object({ date: z.iso.date(), responses: z.number().int() })),
    /**
     * Responses each staff member collected and synced (interviews, keyed paper forms), most
     * first. Invitation responses are never counted here: they carry no collector.
     */
    collectors: z.array(z.object({ userId: z.uuid(), name: z.string(), interview: z.number().int(), paper: z.number().int(), total: z.number().int() })),
  })
  .meta({ id: 'Progress', description: 'Responses per unit and group against quota; a cross-evaluation response counts for every unit it rates' });
export type ProgressView = z.infer<typeof ProgressView>;
