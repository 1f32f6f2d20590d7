import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CampaignDetail, CampaignPatch, GroupCode, type GroupView, QuotaRule, Slug, UnitType } from '../../../survey-forms/src';
import { patchCampaign } from '../../services/campaign-drafts';
import { chooseForm, clearForm } from '../../services/campaign-forms';
import { addGroup, editGroup, removeGroup } from '../../services/campaign-groups';
import { applyQuotaRules, setQuota } from '../../services/campaign-quotas';
import { readinessProblems } from '../../services/campaign-readiness';
import { getCampaignDetail, getCampaignRow } from '../../services/campaigns';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';
import { withTransaction } from '../../../db/client';

const TAGS = ['campaign set-up'];
const security = [{ bearer: [] }];
const errors = { ...staffErrors, 409: ProblemSchema, 422: ProblemSchema };

const GroupBody = z.strictObject({ code: GroupCode, name: z.string().trim().min(1).max(200), weight: z.number().positive().max(100).default(1) });
const GroupParams = z.object({ id: z.uuid(), code: GroupCode });
const FormParams = z.object({ id: z.uuid(), group: GroupCode, unitType: UnitType });
const QuotaParams = z.object({ id: z.uuid(), unitId: z.uuid(), group: GroupCode });
const Readiness = z.object({ ready: z.boolean(), problems: z.array(z.object({ path: z.string(), message: z.string() })) });

/**
 * Building a campaign in parts (docs/API.md "Campaign set-up"): general information, groups,
 * the questionnaire of each group × unit type, quotas, and the check before opening. Each
 * change runs in one transaction with its audit entry; the answer is the campaign as it now is.
 */
const campaignSetupRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');
  const detail = (id: string, user: Parameters<typeof getCampaignDetail>[2]) => getCampaignDetail(app.db, id, user);

  app.patch(
    '/api/campaigns/:id',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Sửa thông tin chung: tên, năm, đơn vị tổ chức, ngày, cách tính tiêu chí thiếu (edit general information)',
        description: 'Dates stay editable while the campaign is open; the rest only in draft (409 campaign.frozen).',
        security,
        params: IdParams,
        body: CampaignPatch,
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (request) => {
      await withTransaction(app.db, (tx) => patchCampaign(tx, request.params.id, request.body, request.user));
      return detail(request.params.id, request.user);
    },
  );

  app.get(
    '/api/campaigns/:id/readiness',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Kiểm tra trước khi mở: mọi vấn đề cần sửa (what still blocks opening)',
        description: 'The same problems POST /status {status:"open"} refuses with (422 campaign.incomplete).',
        security,
        params: IdParams,
        response: { 200: Readiness, ...staffErrors },
      },
    },
    async (request) => {
      const problems = await readinessProblems(app.db, await getCampaignRow(app.db, request.params.id), app.now());
      return { ready: problems.length === 0, problems };
    },
  );

  app.post(
    '/api/campaigns/:id/groups',
    { onRequest: admin, schema: { tags: TAGS, summary: 'Thêm nhóm đối tượng (add a respondent group; draft only)', security, params: IdParams, body: GroupBody, response: { 201: CampaignDetail, ...errors } } },
    async (request, reply) => {
      await withTransaction(app.db, (tx) => addGroup(tx, request.params.id, request.body, request.user));
      return reply.code(201).send(await detail(request.params.id, request.user));
    },
  );

  app.put(
    '/api/campaigns/:id/groups/:code',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Sửa nhóm: mã, tên, trọng số (edit a group; a new code renames it and its quotas; draft only)',
        security,
        params: GroupParams,
        body: GroupBody,
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (request) => {
      await withTransaction(app.db, (tx) => editGroup(tx, request.params.id, request.params.code, request.body satisfies GroupView, request.user));
      return detail(request.params.id, request.user);
    },
  );

  app.delete(
    '/api/campaigns/:id/groups/:code',
    {
      onRequest: admin,
      schema: { tags: TAGS, summary: 'Xóa nhóm cùng chỉ tiêu và phiếu đã chọn của nhóm (remove a group; draft only)', security, params: GroupParams, response: { 200: CampaignDetail, ...errors } },
    },
    async (request) => {
      await withTransaction(app.db, (tx) => removeGroup(tx, request.params.id, request.params.code, request.user));
      return detail(request.params.id, request.user);
    },
  );

  app.put(
    '/api/campaigns/:id/forms/:group/:unitType',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Chọn phiếu cho một nhóm và loại đơn vị (choose the questionnaire of a group × unit type; draft only)',
        description: "The questionnaire's own group and unit type must be the slot's (422 definition.invalid otherwise); it replaces the slot's previous choice.",
        security,
        params: FormParams,
        body: z.strictObject({ questionnaireId: Slug, version: z.number().int().positive() }),
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (request) => {
      const { id, group, unitType } = request.params;
      await withTransaction(app.db, (tx) => chooseForm(tx, id, group, unitType, request.body, request.user));
      return detail(id, request.user);
    },
  );

  app.delete(
    '/api/campaigns/:id/forms/:group/:unitType',
    { onRequest: admin, schema: { tags: TAGS, summary: 'Bỏ chọn phiếu của một nhóm và loại đơn vị (draft only)', security, params: FormParams, response: { 200: CampaignDetail, ...errors } } },
    async (request) => {
      const { id, group, unitType } = request.params;
      await withTransaction(app.db, (tx) => clearForm(tx, id, group, unitType, request.user));
      return detail(id, request.user);
    },
  );

  app.post(
    '/api/campaigns/:id/quotas/bulk',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Đặt chỉ tiêu hàng loạt theo loại đơn vị × nhóm (quotas in bulk; target 0 removes)',
        description: 'Every unit of the type gets the target and minimum for the group. Allowed in draft and while open.',
        security,
        params: IdParams,
        body: z.strictObject({ rules: z.array(QuotaRule).min(1).max(100) }),
        response: { 200: z.object({ cells: z.number().int() }), ...errors },
      },
    },
    async (request) => ({ cells: await withTransaction(app.db, (tx) => applyQuotaRules(tx, request.params.id, request.body.rules, request.user)) }),
  );

  app.put(
    '/api/campaigns/:id/quotas/:unitId/:group',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Sửa chỉ tiêu của một đơn vị và nhóm (one quota; target 0 removes it)',
        security,
        params: QuotaParams,
        body: z.strictObject({ target: z.number().int().min(0).max(100000), minRespondents: z.number().int().min(0).max(100000).default(3) }),
        response: { 200: z.object({ unitId: z.uuid(), group: z.string(), target: z.number().int(), minRespondents: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const { id, unitId, group } = request.params;
      const cell = { unitId, groupCode: group, ...request.body };
      await withTransaction(app.db, (tx) => setQuota(tx, id, cell, request.user));
      return { unitId, group, target: cell.target, minRespondents: cell.minRespondents };
    },
  );
};
export default campaignSetupRoutes;
