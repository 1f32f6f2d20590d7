import { randomUUID } from 'node:crypto';
import { type Db, withTransaction } from '../../db/client';
import type { CampaignDefinitionInput, Questionnaire, Response } from '../../survey-forms/src';
import { CampaignDefinition, Questionnaire as QuestionnaireSchema } from '../../survey-forms/src';
import { mulberry32 } from '../../server/stats/prng';
import { createCampaign } from '../../server/services/campaigns';
import { publishQuestionnaire } from '../../server/services/questionnaires';
import { weighted } from '../../survey-forms/definitions/options';

/**
 * Data for the ingest benchmark: a campaign of 20 agencies and a civil-servant form of 40
 * scored single-choice questions, and responses to it (one per form, 40 answer cells each).
 */
export const QUESTIONS = 40;
const OPTIONS = weighted();

export interface BenchCampaign {
  campaignId: string;
  unitIds: string[];
  questionnaire: Questionnaire;
}

export async function createBenchCampaign(db: Db, suffix: string): Promise<BenchCampaign> {
  const questionnaire = QuestionnaireSchema.parse({
    id: `bench-cc-${suffix}`,
    version: 1,
    title: 'Phiếu khảo sát công chức (đo tốc độ)',
    group: 'cong_chuc',
    mode: 'own_unit',
    unitType: 'so',
    sections: [
      {
        id: 'danh-gia',
        title: 'Đánh giá',
        questions: Array.from({ length: QUESTIONS }, (_, i) => ({
          id: `q${i + 1}`,
          kind: 'single',
          text: `Câu hỏi đánh giá số ${i + 1}`,
          required: true,
          criterion: `1.${(i % 4) + 1}`,
          options: OPTIONS,
        })),
      },
    ],
  });
  await publishQuestionnaire(db, questionnaire, null);
  const units = Array.from({ length: 20 }, (_, i) => ({ code: `SO-${String(i + 1).padStart(2, '0')}`, name: `Sở số ${i + 1}`, type: 'so' as const }));
  const input: CampaignDefinitionInput = {
    name: `Đo tốc độ nhận phiếu ${suffix}`,
    year: 2026,
    organizer: 'Sở Nội vụ (benchmark)',
    status: 'open',
    opensAt: '2026-01-01T00:00:00+07:00',
    closesAt: '2030-12-31T23:59:59+07:00',
    missingPolicy: 'rescale',
    index: {
      surveyShare: 8,
      fields: [{ code: 'F1', name: 'Chỉ đạo điều hành', criteria: [1, 2, 3, 4].map((n) => ({ code: `1.${n}`, name: `Tiêu chí 1.${n}`, maxPoints: 2 })) }],
    },
    groups: [{ code: 'cong_chuc', name: 'Công chức' }],
    units,
    questionnaires: [{ id: questionnaire.id, version: 1 }],
    quotas: units.map((u) => ({ unitCode: u.code, group: 'cong_chuc' as const, target: 1000, minRespondents: 3 })),
  };
  const { id, unitIds } = await withTransaction(db, (tx) => createCampaign(tx, CampaignDefinition.parse(input)));
  return { campaignId: id, unitIds: units.map((u) => unitIds[u.code] as string), questionnaire };
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
