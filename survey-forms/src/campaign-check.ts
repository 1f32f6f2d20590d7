import type { CampaignDefinition } from './campaign';
import { scoredCriteria } from './index-tree';
import type { Questionnaire } from './questionnaire';
import { allQuestions } from './questionnaire';

export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-checks a campaign definition against the questionnaire versions it names: every one
 * exists, is for a group of the campaign, and maps its scored questions to criteria of the
 * campaign's index. `found` holds the versions the caller could load.
 */
export function checkCampaignQuestionnaires(def: CampaignDefinition, found: readonly Questionnaire[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const criteria = new Set(scoredCriteria(def.index).map((c) => c.code));
  const groups = new Set(def.groups.map((g) => g.code));
  const unitTypes = new Set(def.units.map((u) => u.type));
  def.questionnaires.forEach((ref, i) => {
    const q = found.find((x) => x.id === ref.id && x.version === ref.version);
    if (!q) {
      problems.push({ path: ['questionnaires', i], message: `Không tìm thấy phiếu ${ref.id} phiên bản ${ref.version}` });
      return;
    }
    if (!groups.has(q.group)) problems.push({ path: ['questionnaires', i], message: `Phiếu ${q.id} dành cho nhóm ${q.group} không có trong đợt khảo sát` });
    if (!unitTypes.has(q.unitType)) problems.push({ path: ['questionnaires', i], message: `Đợt khảo sát không có đơn vị loại ${q.unitType} cho phiếu ${q.id}` });
    for (const question of allQuestions(q)) {
      if (question.criterion !== undefined && !criteria.has(question.criterion)) {
        problems.push({ path: ['questionnaires', i], message: `Câu ${question.id} của phiếu ${q.id} gắn với tiêu chí không có điểm trong bộ chỉ số: ${question.criterion}` });
      }
    }
  });
  return problems;
}

