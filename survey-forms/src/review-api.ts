import { z } from 'zod';
import { Channel } from './response';
import { GroupCode } from './codes';
import { RESPONSE_FLAG_CODES } from './flag-text';

/**
 * Wire shapes of data review and publishing (docs/API.md §10 "Data review", "Publishing",
 * "Integration tokens"): the one definition of each, read by the server's routes and the
 * console. A response is shown by its day only, never a time of day (docs/PRIVACY.md
 * "Response-level views").
 */

/** Why a response needs a look (docs/SCORING.md rule 6, per response). */
export const ResponseFlagCode = z.enum(RESPONSE_FLAG_CODES);
export type ResponseFlagCode = z.infer<typeof ResponseFlagCode>;

export const ResponseFlag = z.object({
  code: ResponseFlagCode,
  /** The reason in Vietnamese (survey-forms/src/flag-text.ts `responseFlagText`); other languages are written from `code` and `params`. */
  detail: z.string(),
  /** What the sentence says, as values. */
  params: z.object({
    answered: z.number().int().optional(),
    dontKnow: z.number().int().optional(),
    answers: z.number().int().optional(),
    seconds: z.number().int().optional(),
    secondsPerAnswer: z.number().optional(),
  }),
});
export type ResponseFlag = z.infer<typeof ResponseFlag>;

export const ReviewStatus = z.enum(['included', 'excluded']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ResponseReview = z.object({
  status: ReviewStatus,
  reason: z.string().optional(),
  /** When the status was last set (a reviewer's action, not the response's). */
  at: z.string().optional(),
  /** Who set it (username). */
  by: z.string().optional(),
});
export type ResponseReview = z.infer<typeof ResponseReview>;

export const ReviewedResponse = z.object({
  id: z.uuid(),
  group: GroupCode,
  /** The units the response rates (one for own-unit forms). */
  unitIds: z.array(z.uuid()),
  channel: Channel,
  /** The day it was completed on the device, in Vietnam (YYYY-MM-DD); never a time of day. */
  completedDate: z.string(),
  flags: z.array(ResponseFlag),
  review: ResponseReview,
});
export type ReviewedResponse = z.infer<typeof ReviewedResponse>;

export const ReviewRequest = z
  .object({
    status: ReviewStatus,
    reason: z.string().trim().max(500).optional(),
  })
  .refine((r) => r.status !== 'excluded' || (r.reason ?? '').length > 0, {
    path: ['reason'],
    message: 'Cần ghi lý do loại phiếu (a reason is required to exclude)',
  });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const Publication = z.object({
  version: z.number().int().positive(),
  publishedAt: z.string(),
  inputsHash: z.string(),
});
export type Publication = z.infer<typeof Publication>;

export const PublicationSummary = Publication.extend({
  publishedBy: z.string(),
  /** Stored responses when published, and how many of them were excluded. */
  responses: z.number().int(),
  excluded: z.number().int(),
});
export type PublicationSummary = z.infer<typeof PublicationSummary>;

const Change = z.object({ from: z.number().nullable(), to: z.number().nullable() });

export const UnitDiff = z.object({
  unitId: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** False when every figure of the unit is the same in both versions. */
  changed: z.boolean(),
  percent: Change,
  points: Change,
  rank: Change,
  respondents: Change,
  excluded: Change,
  /** The 95% interval: it moves whenever any respondent of a group rating the unit changes (docs/SCORING.md rule 5). */
  ci95: z.object({ from: z.tuple([z.number(), z.number()]).nullable(), to: z.tuple([z.number(), z.number()]).nullable() }),
  /** Criteria whose points differ. */
  criteria: z.array(Change.extend({ criterionId: z.string() })),
  /** Flag codes present in one version only. */
  flagsAdded: z.array(z.string()),
  flagsRemoved: z.array(z.string()),
});
export type UnitDiff = z.infer<typeof UnitDiff>;

export const PublicationDiff = z.object({
  from: PublicationSummary,
  to: PublicationSummary,
  units: z.array(UnitDiff),
});
export type PublicationDiff = z.infer<typeof PublicationDiff>;

export const IntegrationTokenRequest = z.object({ label: z.string().trim().min(1).max(100) });
export type IntegrationTokenRequest = z.infer<typeof IntegrationTokenRequest>;

export const IntegrationTokenView = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type IntegrationTokenView = z.infer<typeof IntegrationTokenView>;

/** Returned once, at issue: the token itself is never shown again (only its hash is kept). */
export const IssuedIntegrationToken = IntegrationTokenView.extend({ token: z.string() });
export type IssuedIntegrationToken = z.infer<typeof IssuedIntegrationToken>;
