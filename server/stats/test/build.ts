import { Questionnaire, type QuestionnaireInput } from '../../../survey-forms/src';
import { type CampaignFacts, type ScoringInputs, scoringInputsFrom } from '../scoring-inputs';
import type { RespondentAnswers } from '../respondents';
import { weighted } from '../../../survey-forms/definitions/options';

/** Small hand-written campaigns for the pure rule tests (no database). */
export const WEIGHTED = weighted();

/** An own-unit form for `group` whose questions map to criteria as given. */
export function form(id: string, group: QuestionnaireInput['group'], questions: Record<string, string>, mode: 'own_unit' | 'cross' = 'own_unit'): Questionnaire {
  return Questionnaire.parse({
    id,
    version: 1,
    title: `Phiếu ${id}`,
    group,
    mode,
    unitType: 'so',
    sections: [
      {
        id: 's1',
        title: 'Đánh giá',
        questions: Object.entries(questions).map(([qid, criterion]) => ({
          id: qid,
          kind: 'single',
          text: `Câu ${qid}`,
          criterion,
          perUnit: mode === 'cross',
          options: WEIGHTED,
        })),
      },
    ],
  });
}

export const unitId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function facts(partial: Partial<CampaignFacts> & Pick<CampaignFacts, 'index' | 'versions'>): ScoringInputs {
  return scoringInputsFrom({
    campaignId: unitId(999),
    missingPolicy: 'rescale',
    units: [1, 2, 3, 4].map((n) => ({ id: unitId(n), code: `SO-${n}`, name: `Sở số ${n}`, type: 'so' as const })),
    groups: [
      { code: 'lanh_dao_phong', weight: 1 },
      { code: 'cong_chuc', weight: 1 },
      { code: 'dai_bieu_hdnd', weight: 1 },
    ],
    quotas: [],
    ...partial,
  });
}

/** A response in compact form: [unit number, question id, option code] per answer. */
export function respondent(inputs: ScoringInputs, id: string, q: Questionnaire, answers: readonly [number, string, string][]): RespondentAnswers {
  const units: number[] = [];
  const slots: number[] = [];
  for (const [unit, questionId, choice] of answers) {
    const slot = inputs.slots.findIndex((s) => s.questionnaireId === q.id && s.version === q.version && s.questionId === questionId && s.choice === choice);
    const unitIndex = inputs.model.units.findIndex((u) => u.id === unitId(unit));
    if (slot < 0 || unitIndex < 0) throw new Error(`no slot for ${questionId}=${choice} or unit ${unit}`);
    units.push(unitIndex);
    slots.push(slot);
  }
  return { id, group: q.group, units: Int32Array.from(units), slots: Int32Array.from(slots) };
}
