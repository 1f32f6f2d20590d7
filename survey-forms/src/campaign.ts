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

const datesInOrder = (c: { opensAt?: string | undefined; closesAt?: string | undefined }, ctx: z.RefinementCtx) => {
  if (c.opensAt && c.closesAt && Date.parse(c.closesAt) <= Date.parse(c.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  }
};
const General = {
  name: z.string().trim().min(1).max(300),
  year: z.number().int().min(2000).max(2100),
  organizer: z.string().trim().min(1).max(300),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
};

/** POST /api/campaigns, minimal draft: no units, index, questionnaires or quotas yet; the five default groups. */
export const CampaignDraft = z.strictObject(General).superRefine(datesInOrder);
export type CampaignDraft = z.infer<typeof CampaignDraft>;

/**
 * POST /api/campaigns with `copyFrom`: a new draft with an earlier campaign's units, index,
 * groups, questionnaire choices, quotas and missing policy (never its responses, invitations
 * or collector assignments). The organizer is the earlier one unless given.
 */
export const CampaignCopy = z.strictObject({ copyFrom: z.uuid(), ...General, organizer: General.organizer.optional() }).superRefine(datesInOrder);
export type CampaignCopy = z.infer<typeof CampaignCopy>;

/** PATCH /api/campaigns/:id: general information; dates stay editable while open, the rest only in draft. */
export const CampaignPatch = z
  .strictObject({
    name: General.name.optional(),
    year: General.year.optional(),
    organizer: General.organizer.optional(),
    opensAt: General.opensAt.optional(),
    closesAt: General.closesAt.optional(),
    missingPolicy: MissingPolicy.optional(),
  })
  .superRefine(datesInOrder);
export type CampaignPatch = z.infer<typeof CampaignPatch>;

/** Quotas in bulk: every unit of a type gets this target and minimum for the group (0 removes the quota). */
export const QuotaRule = z.strictObject({
  unitType: UnitType,
  group: GroupCode,
  target: z.number().int().min(0).max(100000),
  minRespondents: z.number().int().min(0).max(100000).default(3),
});
export type QuotaRule = z.infer<typeof QuotaRule>;

const DEFINITION_KEYS = ['units', 'index', 'groups', 'questionnaires', 'quotas', 'status', 'missingPolicy'];

/**
 * POST /api/campaigns body: a full definition, a minimal draft, or a copy (`copyFrom`). The
 * shape is chosen by its keys, then checked by that one schema, so every problem is reported
 * by path against the shape the client meant (a plain union would only say "invalid input").
 */
export const CampaignCreate = z.unknown().transform((input, ctx) => {
  const keys = input && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : [];
  const pick = keys.includes('copyFrom')
    ? ({ kind: 'copy', schema: CampaignCopy } as const)
    : keys.some((k) => DEFINITION_KEYS.includes(k)) || keys.length === 0
      ? ({ kind: 'definition', schema: CampaignDefinition } as const)
      : ({ kind: 'draft', schema: CampaignDraft } as const);
  const parsed = pick.schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return pick.kind === 'copy'
    ? { kind: 'copy' as const, value: parsed.data as CampaignCopy }
    : pick.kind === 'draft'
      ? { kind: 'draft' as const, value: parsed.data as CampaignDraft }
      : { kind: 'definition' as const, value: parsed.data as CampaignDefinition };
});
export type CampaignCreate = z.infer<typeof CampaignCreate>;
