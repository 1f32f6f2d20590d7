import { constants } from 'node:zlib';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../../db/client';
import { BatchView, GroupCode, InvitationInfo, UnitType } from '../../../survey-forms/src';
import { getCampaignRow } from '../../services/campaigns';
import { renderSheet } from '../../services/invitation-sheet';
import { AppError } from '../../errors';
import { API_COMPRESSION } from '../../plugins/compression';
import { SHEET_POLICY } from '../../plugins/security-headers';
import { recordAudit } from '../../services/audit';
import { listBatches, voidBatch } from '../../services/invitation-batches';
import { MAX_CODES_PER_REQUEST, invitationInfo, issueBatch, slipsFor } from '../../services/invitations';
import { checkInvitationGuess, recordInvitationFailure } from '../../services/throttle';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';

const IssueBody = z.object({
  group: GroupCode,
  /** Required for own-unit forms (the unit rated); must be absent for cross forms. */
  unitId: z.uuid().optional(),
  /** For cross forms: the unit type rated, when the group has cross forms for more than one type. */
  unitType: UnitType.optional(),
  count: z.number().int().min(1).max(MAX_CODES_PER_REQUEST),
});

const BatchSchema = BatchView.meta({ id: 'InvitationBatch', description: 'One issuing of invitation codes: counts only, never a code' });

/** docs/API.md §7 invitations: issue codes (admin), print slips (admin), look a code up (public, rate-limited). */
const invitationRoutes: FastifyPluginAsyncZod<{ publicUrl?: string | undefined }> = async (app, opts) => {
  app.post(
    '/api/campaigns/:id/invitations',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['invitations'],
        summary: 'Issue invitation codes for a group (and unit); the codes are shown only in this reply',
        params: IdParams,
        body: IssueBody,
        response: { 201: z.object({ codes: z.array(z.string()), batchId: z.uuid() }), ...staffErrors, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const pepper = await app.invitationPepper();
      const issued = await withTransaction(app.db, async (tx) => {
        const batch = await issueBatch(tx, pepper, request.params.id, request.body, request.user);
        // Counts and scope only: a code never enters the audit log.
        await recordAudit(tx, {
          actor: request.user,
          action: 'invitations.issue',
          target: `campaign:${request.params.id}`,
          detail: { batchId: batch.batchId, group: request.body.group, unit: batch.unitCode, count: request.body.count },
        });
        return batch;
      });
      return reply.code(201).send({ codes: issued.codes, batchId: issued.batchId });
    },
  );

  app.get(
    '/api/campaigns/:id/invitation-batches',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['invitations'],
        summary: 'Issued batches with used and unused counts, newest first (never a code)',
        params: IdParams,
        response: { 200: z.array(BatchSchema), ...staffErrors },
      },
    },
    async (request) => listBatches(app.db, request.params.id),
  );

  app.post(
    '/api/campaigns/:id/invitation-batches/:batchId/void',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['invitations'],
        summary: 'Void the unused codes of a batch; they then look up as unknown (404)',
        params: IdParams.extend({ batchId: z.uuid() }),
        response: { 200: BatchSchema.extend({ voidedNow: z.number().int() }), ...staffErrors },
      },
    },
    async (request) =>
      withTransaction(app.db, async (tx) => {
        const { batch, voided } = await voidBatch(tx, request.params.id, request.params.batchId);
        await recordAudit(tx, {
          actor: request.user,
          action: 'invitations.void',
          target: `campaign:${request.params.id}`,
          detail: { batchId: batch.id, group: batch.group, unit: batch.unitCode, voided },
        });
        return { ...batch, voidedNow: voided };
      }),
  );

  app.post(
    '/api/campaigns/:id/invitations/sheet',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['invitations'],
        summary: 'Printable A4 sheet (text/html) of slips with code, link and QR code',
        params: IdParams,
        body: z.object({ codes: z.array(z.string().max(64)).min(1).max(MAX_CODES_PER_REQUEST) }),
        response: { 200: z.string().meta({ description: 'text/html A4 page' }), ...staffErrors },
      },
    },
    async (request, reply) => {
      const campaign = await getCampaignRow(app.db, request.params.id);
      const slips = await slipsFor(app.db, await app.invitationPepper(), campaign.id, request.body.codes);
      const origin = opts.publicUrl ?? `${request.protocol}://${request.host}`;
      const html = await renderSheet({ campaignName: campaign.name, organizer: campaign.organizer, origin, slips });
      return reply.type('text/html; charset=utf-8').header('content-security-policy', SHEET_POLICY).send(html);
    },
  );

  app.get(
    '/api/invitations/:code',
    {
      schema: {
        tags: ['invitations'],
        summary: 'What a respondent with this code answers (404 unknown or voided, 410 used or survey closed); wrong codes are throttled per address',
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: InvitationInfo, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema },
      },
      // The questionnaire is most of a respondent's first load: brotli 10 takes ~0.1 kB more
      // off it than the API's 7, for ~10 ms of CPU once per respondent (plugins/compression.ts).
      // The API's other settings are spread in: a route's own settings replace them whole.
      compress: { ...API_COMPRESSION, brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } } },
    },
    async (request) => {
      // Only wrong codes count (services/throttle.ts): sixty colleagues behind one office
      // address opening their valid codes in the same minute all get their form.
      const address = app.addressKey(request);
      await checkInvitationGuess(app.db, address);
      try {
        return await invitationInfo(app.db, await app.invitationPepper(), request.params.code);
      } catch (err) {
        if (err instanceof AppError && err.code === 'invitation.not_found') await recordInvitationFailure(app.db, address);
        throw err;
      }
    },
  );
};
export default invitationRoutes;
