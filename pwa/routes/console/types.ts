import type { CampaignStatus, GroupCode } from '../../../survey-forms/src/codes';

/** Wire shapes the console reads (docs/API.md §9 progress, §10 scores), shared with the server (type-only imports: no zod in the bundle). */
export type { ProgressUnitRow as ProgressRow, ProgressView as ProgressReply } from '../../../survey-forms/src/progress-api';

/** Score shapes are shared with the server (type-only import: no zod in the bundle). */
export type { ScoresView as ScoresReply, UnitScoreView as UnitScore } from '../../../survey-forms/src/scores-api';

export type { CampaignStatus, GroupCode };
