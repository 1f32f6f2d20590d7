import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../../db/client';
import { CampaignCreate, CampaignDetail, CampaignStatus, CampaignSummary, Slug } from '../../../survey-forms/src';
import { recordAudit } from '../../services/audit';
import {
  assignCollector,
  changeCampaignStatus,
  createCampaign,
  getCampaignDetail,
  listCampaigns,
  listCollectorAssignments,
  setCurrentQuestionnaireVersion,
} from '../../services/campaigns';
import { copyCampaign, createDraft } from '../../services/campaign-drafts';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';

const TAGS = ['campaigns'];

const CreatedCampaign = z.object({ id: z.uuid(), units: z.array(z.object({ id: z.uuid(), code: z.string() })) });
const CollectorAssignmentView = z.object({ userId: z.uuid(), username: z.string(), displayName: z.string(), unitIds: z.array(z.uuid()) });
const CollectorParams = z.object({ id: z.uuid(), userId: z.uuid() });
const QuestionnaireParams = z.object({ id: z.uuid(), questionnaireId: Slug });

/**
 * Campaigns (docs/API.md §5 campaigns): read by all staff (collectors see only
 * their units), created and moved through draft → open → closing → closed by admins.
 */
const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst', 'collector');
  const admin = app.requireRole('admin');

  app.get(
    '/api/campaigns',
    {
      onRequest: staff,
      schema: {
        tags: TAGS,
        summary: 'Danh sách đợt khảo sát (list campaigns)',
        response: { 200: z.array(CampaignSummary), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => listCampaigns(app.db, request.user),
  );

  app.get(
    '/api/campaigns/:id',
    {
      onRequest: staff,
      schema: {
        tags: TAGS,
        summary: 'Chi tiết đợt khảo sát: đơn vị, nhóm, chỉ tiêu, bộ chỉ số, phiếu (campaign detail)',
        description: 'Collectors receive only the units assigned to them, and their quotas.',
        params: IdParams,
        response: { 200: CampaignDetail, ...staffErrors },
      },
    },
    async (request) => getCampaignDetail(app.db, request.params.id, request.user),
  );

  app.post(
    '/api/campaigns',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Tạo đợt khảo sát: định nghĩa đầy đủ, bản nháp tối thiểu, hoặc sao chép đợt trước (create a campaign)',
        description:
          'Three bodies, told apart by their keys: a full campaign definition; a minimal draft `{ name, year, organizer, opensAt, closesAt }` (no units, index, questionnaires or quotas yet; the five default groups); or `{ copyFrom, name, year, opensAt, closesAt, organizer? }` (a draft with the earlier campaign\'s units, index, groups, questionnaire choices, quotas and missing policy; never its responses, invitations or collector assignments). Invalid bodies are refused with every problem listed by path: 400 validation.failed for the shape, 422 definition.invalid when questionnaires do not fit the campaign. Nothing is written on failure. Audited.',
        security: [{ bearer: [] }],
        body: CampaignCreate,
        response: { 201: CreatedCampaign, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await withTransaction(app.db, async (tx) => {
        if (body.kind === 'draft') return { id: await createDraft(tx, body.value, request.user), units: [] };
        if (body.kind === 'copy') {
          const copy = await copyCampaign(tx, body.value, request.user);
          return { id: copy.id, units: Object.entries(copy.unitIds).map(([code, id]) => ({ id, code })) };
        }
        const def = body.value;
        const { id, unitIds } = await createCampaign(tx, def);
        await recordAudit(tx, { actor: request.user, action: 'campaign.create', target: `campaign:${id}`, detail: { name: def.name, year: def.year, from: 'definition', units: def.units.length } });
        return { id, units: def.units.map((u) => ({ id: unitIds[u.code] as string, code: u.code })) };
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/campaigns/:id/status',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Chuyển trạng thái đợt khảo sát: draft → open → closing → closed (change status)',
        description: 'Opening checks the campaign first: 422 campaign.incomplete lists every problem in `errors` (path, Vietnamese message). Audited.',
        security: [{ bearer: [] }],
        params: IdParams,
        body: z.object({ status: CampaignStatus }),
        response: { 200: CampaignSummary, ...staffErrors, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const summary = await withTransaction(app.db, async (tx) => {
        const changed = await changeCampaignStatus(tx, request.params.id, request.body.status, app.now());
        await recordAudit(tx, { actor: request.user, action: 'campaign.status', target: `campaign:${changed.id}`, detail: { status: changed.status } });
        return changed;
      });
      // Closed: nothing more can be held, so every held ballot is mixed now and the spent codes
      // folded into invitations (docs/PRIVACY.md); final scores and progress miss nothing.
      // The mix runs in its own transaction, decided by the mixer (plugins/ballot-mixer.ts).
      if (summary.status === 'closed') await app.ballotMixer.run([summary.id]);
      return summary;
    },
  );

  app.get(
    '/api/campaigns/:id/collectors',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Phân công điều tra viên theo đơn vị (collector assignments)',
        params: IdParams,
        response: { 200: z.array(CollectorAssignmentView), ...staffErrors },
      },
    },
    async (request) => listCollectorAssignments(app.db, request.params.id),
  );

  app.put(
    '/api/campaigns/:id/collectors/:userId',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Giao đơn vị cho một điều tra viên, thay thế phân công cũ (assign units to a collector)',
        params: CollectorParams,
        body: z.object({ unitIds: z.array(z.uuid()).max(20000) }),
        response: { 200: z.object({ userId: z.uuid(), unitIds: z.array(z.uuid()) }), ...staffErrors, 409: ProblemSchema },
      },
    },
    async (request) => {
      const unitIds = [...new Set(request.body.unitIds)];
      await withTransaction(app.db, async (tx) => {
        const { username } = await assignCollector(tx, request.params.id, request.params.userId, unitIds);
        await recordAudit(tx, { actor: request.user, action: 'collectors.assign', target: `campaign:${request.params.id}`, detail: { username, units: unitIds.length } });
      });
      return { userId: request.params.userId, unitIds };
    },
  );

  app.post(
    '/api/campaigns/:id/questionnaires/:questionnaireId',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Chuyển đợt khảo sát sang phiên bản phiếu mới hơn (use a newer questionnaire version)',
        description: 'New respondents get this version; responses to older published versions stay valid for sync.',
        params: QuestionnaireParams,
        body: z.object({ version: z.number().int().positive() }),
        response: {
          200: z.object({ questionnaireId: z.string(), previousVersion: z.number().int(), currentVersion: z.number().int() }),
          ...staffErrors,
          409: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => withTransaction(app.db, (tx) => setCurrentQuestionnaireVersion(tx, request.params.id, request.params.questionnaireId, request.body.version)),
  );
};
export default campaignRoutes;
