import type { CampaignStatus, GroupCode } from '../../../survey-forms/src/codes';

/** Wire shapes the console reads (docs/API.md §9 progress, §10 scores). */
export interface ProgressRow {
  unitId: string;
  code: string;
  name: string;
  group: GroupCode;
  quota: number;
  responses: number;
}

export interface ProgressReply {
  units: ProgressRow[];
  /** Distinct responses: a cross-evaluation response once, however many units it rates. */
  totals: { quota: number; responses: number };
  groups: { group: string; quota: number; responses: number }[];
}

/** Score shapes are shared with the server (type-only import: no zod in the bundle). */
export type { ScoresView as ScoresReply, UnitScoreView as UnitScore } from '../../../survey-forms/src/scores-api';

export type { CampaignStatus, GroupCode };
