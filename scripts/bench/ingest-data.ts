import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Questionnaire, Response } from '../../survey-forms/src';
import { mulberry32 } from '../../server/stats/prng';
import { createScoredCampaign, publishScoredForm } from '../../server/test/scale/scored-campaign';

/**
 * Data for the ingest benchmark: a campaign of 20 agencies and a civil-servant form of 40
 * scored single-choice questions (the shape of server/test/scale/scored-campaign.ts, shared
 * with the load benchmark), and responses to it (one per form, 40 answer cells each).
 */
export const QUESTIONS = 40;

export interface BenchCampaign {
  campaignId: string;
  unitIds: string[];
  questionnaire: Questionnaire;
}

export async function createBenchCampaign(db: Db, suffix: string): Promise<BenchCampaign> {
  const questionnaire = await publishScoredForm(db, {
    id: `bench-cc-${suffix}`,
    title: 'Phiếu khảo sát công chức (đo tốc độ)',
    group: 'cong_chuc',
    mode: 'own_unit',
    section: { id: 'danh-gia', title: 'Đánh giá' },
    prefix: 'q',
    count: QUESTIONS,
  });
  const { campaignId, unitIds } = await createScoredCampaign(db, {
    name: `Đo tốc độ nhận phiếu ${suffix}`,
    organizer: 'Sở Nội vụ (benchmark)',
    groups: [{ code: 'cong_chuc', name: 'Công chức' }],
    questionnaires: [questionnaire],
    target: 1000,
  });
  return { campaignId, unitIds, questionnaire };
}

/** `count` responses with seeded answers, spread over the units. */
export function benchResponses(c: BenchCampaign, count: number, seed: number): Response[] {
  const random = mulberry32(seed);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const unitId = c.unitIds[i % c.unitIds.length] as string;
    return {
      id: randomUUID(),
      campaignId: c.campaignId,
      questionnaireId: c.questionnaire.id,
      questionnaireVersion: 1,
      group: 'cong_chuc',
      channel: 'self',
      startedAt: new Date(now - 600_000).toISOString(),
      completedAt: new Date(now - 60_000).toISOString(),
      answers: Array.from({ length: QUESTIONS }, (_, q) => ({ unitId, questionId: `q${q + 1}`, value: 'ABCDE'[Math.floor(random() * 5)] as string })),
    };
  });
}
