import type { CampaignDefinition } from './campaign';
import { type IndexTree, scoredCriteria } from './index-tree';
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
  const slots = new Map<string, string>();
  def.questionnaires.forEach((ref, i) => {
    const q = found.find((x) => x.id === ref.id && x.version === ref.version);
    if (!q) {
      problems.push({ path: ['questionnaires', i], message: `Không tìm thấy phiếu ${ref.id} phiên bản ${ref.version}` });
      return;
    }
    if (!groups.has(q.group)) problems.push({ path: ['questionnaires', i], message: `Phiếu ${q.id} dành cho nhóm ${q.group} không có trong đợt khảo sát` });
    const slot = `${q.group}/${q.unitType}`;
    const taken = slots.get(slot);
    if (taken) problems.push({ path: ['questionnaires', i], message: `Nhóm ${q.group} đã có phiếu ${taken} cho đơn vị loại ${q.unitType}; mỗi nhóm chỉ một phiếu cho mỗi loại đơn vị` });
    slots.set(slot, q.id);
    if (!unitTypes.has(q.unitType)) problems.push({ path: ['questionnaires', i], message: `Đợt khảo sát không có đơn vị loại ${q.unitType} cho phiếu ${q.id}` });
    for (const question of allQuestions(q)) {
      if (question.criterion !== undefined && !criteria.has(question.criterion)) {
        problems.push({ path: ['questionnaires', i], message: `Câu ${question.id} của phiếu ${q.id} gắn với tiêu chí không có điểm trong bộ chỉ số: ${question.criterion}` });
      }
    }
  });
  return problems;
}


/** Where a chosen form sits: the group and unit type it serves. */
export interface FormSlot {
  groupCode: string;
  unitType: string;
}

/**
 * Whether a questionnaire version fits a slot of a campaign: same group and unit type, and
 * every scored question's criterion scored in the index (when the campaign has one yet).
 * Paths are "questionnaires.<group>.<unitType>".
 */
export function checkFormFits(q: Questionnaire, slot: FormSlot, index: IndexTree | null): { path: string; message: string }[] {
  const path = `questionnaires.${slot.groupCode}.${slot.unitType}`;
  const problems: { path: string; message: string }[] = [];
  if (q.group !== slot.groupCode) problems.push({ path, message: `Phiếu ${q.id} dành cho nhóm ${q.group}, không phải nhóm ${slot.groupCode}` });
  if (q.unitType !== slot.unitType) problems.push({ path, message: `Phiếu ${q.id} dành cho đơn vị loại ${q.unitType}, không phải loại ${slot.unitType}` });
  if (index) {
    const criteria = new Set(scoredCriteria(index).map((c) => c.code));
    for (const question of allQuestions(q)) {
      if (question.criterion !== undefined && !criteria.has(question.criterion)) {
        problems.push({ path, message: `Câu ${question.id} của phiếu ${q.id} gắn với tiêu chí ${question.criterion}, không có (hoặc không có điểm) trong bộ chỉ số` });
      }
    }
  }
  return problems;
}
