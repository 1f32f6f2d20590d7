import { checkFormFits } from './campaign-check';
import type { UnitType } from './codes';
import { IndexTree } from './index-tree';
import type { Questionnaire } from './questionnaire';

/**
 * Whether a draft campaign may open (POST /api/campaigns/:id/status {status:"open"}): every
 * problem at once, each saying in Vietnamese what to fix, so the console can list them all.
 * Pure: the server loads the snapshot, `now` is injected.
 */
export interface ReadinessSnapshot {
  opensAt: string;
  closesAt: string;
  index: IndexTree | null;
  units: readonly { id: string; code: string; type: UnitType }[];
  groups: readonly { code: string; name: string }[];
  forms: readonly { questionnaireId: string; version: number; groupCode: string; unitType: UnitType; questionnaire: Questionnaire | null }[];
  quotas: readonly { unitId: string; groupCode: string; target: number; minRespondents: number }[];
}

export interface ReadinessProblem {
  path: string;
  message: string;
}

const TYPE_NAMES: Record<UnitType, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

export function checkReadiness(s: ReadinessSnapshot, now: Date): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const opens = Date.parse(s.opensAt);
  const closes = Date.parse(s.closesAt);
  if (!(closes > opens)) add('closesAt', 'Ngày kết thúc phải sau ngày bắt đầu: sửa ở bước "Thông tin chung".');
  if (closes <= now.getTime()) add('closesAt', 'Ngày kết thúc đã qua: đặt lại ngày kết thúc ở bước "Thông tin chung".');

  if (s.units.length === 0) add('units', 'Chưa có đơn vị nào: nhập danh sách đơn vị ở bước "Đơn vị".');
  if (!s.index) add('index', 'Chưa có bộ chỉ số: nhập bộ chỉ số ở bước "Bộ chỉ số".');
  else {
    const parsed = IndexTree.safeParse(s.index);
    if (!parsed.success) for (const issue of parsed.error.issues) add(['index', ...issue.path.map(String)].join('.'), `Bộ chỉ số: ${issue.message}`);
  }
  if (s.groups.length === 0) add('groups', 'Chưa có nhóm đối tượng nào: thêm nhóm ở bước "Nhóm".');
  if (s.forms.length === 0) add('questionnaires', 'Chưa chọn phiếu nào: chọn phiếu cho từng nhóm và loại đơn vị ở bước "Phiếu".');

  const groupName = new Map(s.groups.map((g) => [g.code, g.name]));
  const typesPresent = new Set(s.units.map((u) => u.type));
  const slots = new Set<string>();
  for (const f of s.forms) {
    const path = `questionnaires.${f.groupCode}.${f.unitType}`;
    slots.add(`${f.groupCode}/${f.unitType}`);
    if (!groupName.has(f.groupCode)) add(path, `Phiếu ${f.questionnaireId} dành cho nhóm ${f.groupCode}, nhóm này không có trong đợt khảo sát.`);
    if (!typesPresent.has(f.unitType)) add(path, `Phiếu ${f.questionnaireId} dành cho đơn vị ${TYPE_NAMES[f.unitType]}, nhưng đợt khảo sát không có đơn vị ${TYPE_NAMES[f.unitType]} nào.`);
    if (!f.questionnaire) {
      add(path, `Không tìm thấy phiếu ${f.questionnaireId} phiên bản ${f.version}.`);
      continue;
    }
    for (const p of checkFormFits(f.questionnaire, f, s.index)) add(p.path, `${p.message}: sửa bộ chỉ số hoặc chọn phiếu khác.`);
  }

  if (s.quotas.length === 0) add('quotas', 'Chưa có chỉ tiêu nào: đặt chỉ tiêu ở bước "Chỉ tiêu".');
  const unitById = new Map(s.units.map((u) => [u.id, u]));
  const missingSlot = new Map<string, number>();
  let unknownUnits = 0;
  for (const q of s.quotas) {
    const unit = unitById.get(q.unitId);
    if (!unit) {
      unknownUnits++;
      continue;
    }
    if (!groupName.has(q.groupCode)) {
      add(`quotas.${unit.code}.${q.groupCode}`, `Chỉ tiêu của đơn vị ${unit.code} cho nhóm ${q.groupCode}, nhóm này không có trong đợt khảo sát.`);
      continue;
    }
    if (q.target > 0 && !slots.has(`${q.groupCode}/${unit.type}`)) {
      const key = `${q.groupCode}/${unit.type}`;
      missingSlot.set(key, (missingSlot.get(key) ?? 0) + 1);
    }
    if (q.target > 0 && q.minRespondents > q.target) {
      add(`quotas.${unit.code}.${q.groupCode}`, `Đơn vị ${unit.code}, nhóm ${groupName.get(q.groupCode)}: số người tối thiểu (${q.minRespondents}) lớn hơn chỉ tiêu (${q.target}).`);
    }
  }
  if (unknownUnits > 0) add('quotas', `${unknownUnits} chỉ tiêu ghi đơn vị không có trong danh sách đơn vị: nhập lại chỉ tiêu.`);
  for (const [key, count] of missingSlot) {
    const [group = '', type = 'so'] = key.split('/') as [string, UnitType];
    add(
      `questionnaires.${group}.${type}`,
      `Nhóm "${groupName.get(group) ?? group}" có chỉ tiêu ở ${count} đơn vị ${TYPE_NAMES[type]} nhưng chưa có phiếu cho đơn vị ${TYPE_NAMES[type]}: chọn phiếu ở bước "Phiếu".`,
    );
  }
  return problems;
}
