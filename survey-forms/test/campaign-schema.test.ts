import { describe, expect, it } from 'vitest';
import type { CampaignDefinitionInput, Questionnaire } from '../src';
import { CampaignDefinition, IndexTree, Questionnaire as QuestionnaireSchema, checkCampaignQuestionnaires } from '../src';

/** Schema tests of campaign definitions and the index tree: good parses, every bad input named by path. */
function good(): CampaignDefinitionInput {
  return {
    name: 'Khảo sát CCHC 2026',
    year: 2026,
    organizer: 'Sở Nội vụ tỉnh Thử Nghiệm',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2026-12-31T23:59:59+07:00',
    index: {
      surveyShare: 10,
      fields: [
        { code: 'F1', name: 'Chỉ đạo điều hành', criteria: [{ code: '1.1', name: 'Kế hoạch', maxPoints: 4 }] },
        {
          code: 'F2',
          name: 'Thủ tục hành chính',
          criteria: [{ code: '2.1', name: 'Giải quyết TTHC', maxPoints: 6, subCriteria: [{ code: '2.1.1', name: 'Công khai', maxPoints: 3 }, { code: '2.1.2', name: 'Đúng hạn', maxPoints: 3 }] }],
        },
      ],
    },
    groups: [{ code: 'cong_chuc', name: 'Công chức' }],
    units: [
      { code: 'H01', name: 'Huyện Một', type: 'huyen' },
      { code: 'X01', name: 'Xã Một', type: 'xa', parentCode: 'H01' },
      { code: 'SO-NV', name: 'Sở Nội vụ', type: 'so' },
    ],
    questionnaires: [{ id: 'cc-so', version: 1 }],
    quotas: [{ unitCode: 'SO-NV', group: 'cong_chuc', target: 5 }],
  };
}

type Loose = Record<string, unknown> & { units: Record<string, unknown>[]; quotas: Record<string, unknown>[]; index: { surveyShare: number; fields: { criteria: Record<string, unknown>[] }[] } };
const clone = (): Loose => structuredClone(good()) as unknown as Loose;

function paths(input: unknown): string[] {
  const r = CampaignDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.map(String).join('.'));
}

describe('CampaignDefinition schema', () => {
  it('accepts a good definition with defaults', () => {
    const c = CampaignDefinition.parse(good());
    expect(c.status).toBe('draft');
    expect(c.missingPolicy).toBe('rescale');
    expect(c.quotas[0]?.minRespondents).toBe(3);
    expect(c.groups[0]?.weight).toBe(1);
  });

  it('takes any slug as a group code (a province adds its own groups), but not free text', () => {
    const d = good();
    d.groups.push({ code: 'mat_tran_to_quoc', name: 'Lãnh đạo Ủy ban MTTQ', weight: 0.5 });
    (d.quotas ?? []).push({ unitCode: 'SO-NV', group: 'mat_tran_to_quoc', target: 2 });
    expect(CampaignDefinition.parse(d).groups.map((g) => g.code)).toEqual(['cong_chuc', 'mat_tran_to_quoc']);
    const bad = clone();
    (bad.groups as Record<string, unknown>[]).push({ code: 'Mặt trận', name: 'x' });
    expect(paths(bad)).toEqual(['groups.1.code']);
  });

  it('refuses unknown fields and wrong types by path', () => {
    const d = clone();
    d.province = 'X';
    d.year = '2026';
    (d.units[0] as Record<string, unknown>).type = 'tinh';
    expect(paths(d)).toEqual(expect.arrayContaining(['', 'year', 'units.0.type']));
  });

  it('refuses quotas for unknown units and groups, and duplicated quotas', () => {
    const d = clone();
    d.quotas = [
      { unitCode: 'SO-XX', group: 'cong_chuc', target: 5 },
      { unitCode: 'SO-NV', group: 'nguoi_dan', target: 5 },
      { unitCode: 'SO-NV', group: 'cong_chuc', target: 5 },
      { unitCode: 'SO-NV', group: 'cong_chuc', target: 6 },
    ];
    expect(paths(d)).toEqual(['quotas.0.unitCode', 'quotas.1.group', 'quotas.3']);
  });

  it('refuses duplicate unit codes, unknown parents, duplicate groups and questionnaires', () => {
    const d = clone();
    d.units.push({ code: 'X01', name: 'Xã Một bis', type: 'xa', parentCode: 'H99' });
    (d.groups as unknown[]).push({ code: 'cong_chuc', name: 'Công chức 2' });
    (d.questionnaires as unknown[]).push({ id: 'cc-so', version: 2 });
    expect(paths(d)).toEqual(['units.3.code', 'units.3.parentCode', 'groups.1.code', 'questionnaires.1.id']);
  });

  it('refuses a closing date before the opening date', () => {
    const d = clone();
    d.closesAt = '2026-10-01T00:00:00+07:00';
    expect(paths(d)).toEqual(['closesAt']);
  });
});

describe('IndexTree schema', () => {
  it('refuses criteria whose points do not add up to the survey share', () => {
    const d = clone();
    d.index.surveyShare = 12;
    expect(paths(d)).toEqual(['index.surveyShare']);
    expect(IndexTree.safeParse(d.index).error?.issues[0]?.message).toContain('10');
  });

  it('refuses a criterion whose maximum differs from its sub-criteria, and duplicate codes', () => {
    const d = clone();
    const f2 = d.index.fields[1]?.criteria[0] as Record<string, unknown>;
    f2.maxPoints = 7;
    (d.index.fields[0]?.criteria as Record<string, unknown>[]).push({ code: '2.1.1', name: 'Trùng mã' });
    // The second occurrence of a code is the one reported.
    expect(paths(d)).toEqual(['index.fields.1.criteria.0.subCriteria.0.code', 'index.fields.1.criteria.0.maxPoints']);
  });
});

describe('checkCampaignQuestionnaires', () => {
  const weighted = [
    { code: 'A', label: 'Tốt', weight: 1 },
    { code: 'B', label: 'Kém', weight: 0 },
  ];
  const form = (over: Partial<Questionnaire> = {}): Questionnaire =>
    QuestionnaireSchema.parse({
      id: 'cc-so',
      version: 1,
      title: 'Phiếu',
      group: 'cong_chuc',
      mode: 'own_unit',
      unitType: 'so',
      sections: [{ id: 's', title: 'Đánh giá', questions: [{ id: 'q1', kind: 'single', text: 'Câu 1', criterion: '2.1.1', options: weighted }] }],
      ...over,
    });

  it('accepts questionnaires that fit the campaign', () => {
    expect(checkCampaignQuestionnaires(CampaignDefinition.parse(good()), [form()])).toEqual([]);
  });

  it('names a missing version, a foreign group, a missing unit type and an unknown or unscored criterion', () => {
    const def = CampaignDefinition.parse({ ...good(), questionnaires: [{ id: 'cc-so', version: 1 }, { id: 'other', version: 3 }] });
    const bad = form({
      group: 'nguoi_dan',
      unitType: 'so',
      sections: [
        {
          id: 's',
          title: 'Đánh giá',
          questions: [
            { id: 'q1', kind: 'single', text: 'Câu 1', criterion: '9.9', required: false, profile: false, perUnit: false, options: weighted },
            { id: 'q2', kind: 'single', text: 'Câu 2', criterion: '2.1', required: false, profile: false, perUnit: false, options: weighted },
          ],
        },
      ],
    });
    const problems = checkCampaignQuestionnaires(def, [bad]);
    expect(problems.map((p) => p.path.join('.'))).toEqual(['questionnaires.0', 'questionnaires.0', 'questionnaires.0', 'questionnaires.1']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/nguoi_dan[\s\S]*9\.9[\s\S]*2\.1[\s\S]*other/);
  });
});
