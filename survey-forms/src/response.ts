import { z } from 'zod';
import { GroupCode, Slug } from './codes';

/** The Response wire shape of docs/API.md §8 sync: minted on the device, sent as-is, stored exactly once. */
export const AnswerValue = z.union([z.string().max(5000), z.number().finite(), z.array(z.string().max(200)).max(100), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.strictObject({
  unitId: z.uuid().nullable(),
  questionId: Slug,
  value: AnswerValue,
});
export type Answer = z.infer<typeof Answer>;

export const Channel = z.enum(['self', 'interview', 'paper']);
export type Channel = z.infer<typeof Channel>;

/** ISO 8601 time with an offset, as docs/API.md §1 conventions requires. */
export const IsoTime = z.iso.datetime({ offset: true });

export const Response = z.strictObject({
  id: z.uuid(),
  campaignId: z.uuid(),
  questionnaireId: Slug,
  questionnaireVersion: z.number().int().positive(),
  group: GroupCode,
  channel: Channel,
  startedAt: IsoTime,
  completedAt: IsoTime,
  answers: z.array(Answer).max(20000),
  profile: z.record(Slug, AnswerValue).optional(),
  comment: z.string().max(5000).optional(),
});
export type Response = z.infer<typeof Response>;
