import { type Db, withTransaction } from '../../../db/client';
import type { CampaignDefinitionInput, Questionnaire, QuestionnaireInput } from '../../../survey-forms/src';
import { CampaignDefinition, Questionnaire as QuestionnaireSchema } from '../../../survey-forms/src';
import type { GroupCode } from '../../../survey-forms/src/codes';
import { weighted } from '../../../survey-forms/definitions/options';
import { createCampaign } from '../../services/campaigns';
import { publishQuestionnaire } from '../../services/questionnaires';

/**
 * The campaign shape the benchmarks and the scale tests measure on (scripts/bench/ingest-data.ts,
 * load-campaign.ts), defined once: 20 provincial agencies SO-01…SO-20, an index of one field
 * with criteria 1.1–1.4 of 2 points each, open through 2030, and forms of scored single-choice
 * questions spread over those criteria in turn.
 */
export const AGENCIES = 20;
const OPTIONS = weighted();

/** A one-section form of `count` scored questions `${prefix}1`, `${prefix}2`…, published on `db`; `perUnit` makes it a matrix. */
export async function publishScoredForm(
  db: Db,
  form: Pick<QuestionnaireInput, 'id' | 'title' | 'group' | 'mode'> & { section: { id: string; title: string }; prefix: string; count: number; perUnit?: boolean },
): Promise<Questionnaire> {
  const questionnaire = QuestionnaireSchema.parse({
    id: form.id,
    version: 1,
    title: form.title,
    group: form.group,
    mode: form.mode,
    unitType: 'so',
    sections: [
      {
        ...form.section,
        questions: Array.from({ length: form.count }, (_, i) => ({
          id: `${form.prefix}${i + 1}`,
          kind: 'single' as const,
          text: `Câu hỏi đánh giá số ${i + 1}`,
          required: true,
          criterion: `1.${(i % 4) + 1}`,
          options: OPTIONS,
          ...(form.perUnit ? { perUnit: true } : {}),
        })),
      },
    ],
  });
  await publishQuestionnaire(db, questionnaire, null);
  return questionnaire;
}

/**
 * Creates the open campaign of the 20 agencies over `questionnaires` (each version 1), for
 * `groups`, each agency with a quota of `target` per group (3 respondents to publish).
 * Returns its id and the agencies' ids in SO-01…SO-20 order.
 */
export async function createScoredCampaign(
  db: Db,
  opts: { name: string; organizer: string; groups: { code: GroupCode; name: string }[]; questionnaires: Questionnaire[]; target: number },
): Promise<{ campaignId: string; unitIds: string[] }> {
  const units = Array.from({ length: AGENCIES }, (_, i) => ({ code: `SO-${String(i + 1).padStart(2, '0')}`, name: `Sở số ${i + 1}`, type: 'so' as const }));
  const input: CampaignDefinitionInput = {
    name: opts.name,
    year: 2026,
    organizer: opts.organizer,
    status: 'open',
    opensAt: '2026-01-01T00:00:00+07:00',
    closesAt: '2030-12-31T23:59:59+07:00',
    missingPolicy: 'rescale',
    index: {
      surveyShare: 8,
      fields: [{ code: 'F1', name: 'Chỉ đạo điều hành', criteria: [1, 2, 3, 4].map((n) => ({ code: `1.${n}`, name: `Tiêu chí 1.${n}`, maxPoints: 2 })) }],
    },
    groups: opts.groups,
    units,
    questionnaires: opts.questionnaires.map((q) => ({ id: q.id, version: 1 })),
    quotas: units.flatMap((u) => opts.groups.map((g) => ({ unitCode: u.code, group: g.code, target: opts.target, minRespondents: 3 }))),
  };
  const created = await withTransaction(db, (tx) => createCampaign(tx, CampaignDefinition.parse(input)));
  return { campaignId: created.id, unitIds: units.map((u) => created.unitIds[u.code] as string) };
}
