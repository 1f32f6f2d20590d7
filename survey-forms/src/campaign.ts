import { z } from 'zod';
import { CampaignStatus, GroupCode, MissingPolicy, Slug, UnitType } from './codes';
import { IndexTree } from './index-tree';

/**
 * A campaign definition (POST /api/campaigns): the frozen unit list, groups and their
 * weights, the index, the questionnaires used, quotas and dates. Units are referred to by
 * `code` inside a definition; the server gives each a UUID when the campaign is created.
 */
export const UnitDef = z.strictObject({
  code: Slug,
  name: z.string().min(1).max(200),
  type: UnitType,
  parentCode: Slug.nullable().optional(),
});
export type UnitDef = z.infer<typeof UnitDef>;

export const GroupDef = z.strictObject({
  code: GroupCode,
  name: z.string().min(1),
  /** w_g of docs/SCORING.md rule 3. */
  weight: z.number().positive().max(100).default(1),
});
export type GroupDef = z.infer<typeof GroupDef>;

export const QuestionnaireRef = z.strictObject({ id: Slug, version: z.number().int().positive() });
export type QuestionnaireRef = z.infer<typeof QuestionnaireRef>;

export const QuotaDef = z.strictObject({
  unitCode: Slug,
  group: GroupCode,
  /** Forms to collect. */
  target: z.number().int().min(0).max(100000),
  /** Fewer valid respondents than this raises a flag (docs/SCORING.md rule 6). */
  minRespondents: z.number().int().min(0).max(100000).default(3),
});
export type QuotaDef = z.infer<typeof QuotaDef>;

export const CampaignDefinition = z
  .strictObject({
    name: z.string().min(1).max(300),
    year: z.number().int().min(2000).max(2100),
    /** Who runs the survey, shown to respondents (e.g. "Sở Nội vụ tỉnh …"). */
    organizer: z.string().min(1).max(300),
    status: CampaignStatus.default('draft'),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    missingPolicy: MissingPolicy.default('rescale'),
    index: IndexTree,
    groups: z.array(GroupDef).min(1),
    units: z.array(UnitDef).min(1).max(20000),
    questionnaires: z.array(QuestionnaireRef).min(1),
    quotas: z.array(QuotaDef).default([]),
  })
  .superRefine((c, ctx) => {
    if (Date.parse(c.closesAt) <= Date.parse(c.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Ngày kết thúc phải sau ngày bắt đầu' });
    }
    const unitCodes = new Set<string>();
    c.units.forEach((u, i) => {
      if (unitCodes.has(u.code)) ctx.addIssue({ code: 'custom', path: ['units', i, 'code'], message: `Mã đơn vị trùng lặp: ${u.code}` });
      unitCodes.add(u.code);
    });
    c.units.forEach((u, i) => {
      if (u.parentCode != null && !unitCodes.has(u.parentCode)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'parentCode'], message: `Đơn vị cha không có trong danh sách: ${u.parentCode}` });
      }
    });
    const groupCodes = new Set<string>();
    c.groups.forEach((g, i) => {
      if (groupCodes.has(g.code)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'code'], message: `Nhóm trùng lặp: ${g.code}` });
      groupCodes.add(g.code);
    });
    const refs = new Set<string>();
    c.questionnaires.forEach((q, i) => {
      if (refs.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questionnaires', i, 'id'], message: `Phiếu trùng lặp: ${q.id}` });
      refs.add(q.id);
    });
    const quotaKeys = new Set<string>();
    c.quotas.forEach((q, i) => {
      if (!unitCodes.has(q.unitCode)) ctx.addIssue({ code: 'custom', path: ['quotas', i, 'unitCode'], message: `Chỉ tiêu cho đơn vị không tồn tại: ${q.unitCode}` });
      if (!groupCodes.has(q.group)) ctx.addIssue({ code: 'custom', path: ['quotas', i, 'group'], message: `Chỉ tiêu cho nhóm không có trong đợt khảo sát: ${q.group}` });
      const key = `${q.unitCode}/${q.group}`;
      if (quotaKeys.has(key)) ctx.addIssue({ code: 'custom', path: ['quotas', i], message: `Chỉ tiêu trùng lặp: ${key}` });
      quotaKeys.add(key);
    });
  });
export type CampaignDefinition = z.infer<typeof CampaignDefinition>;
export type CampaignDefinitionInput = z.input<typeof CampaignDefinition>;
