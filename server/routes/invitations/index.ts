import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GroupCode, InvitationInfo, UnitType } from '../../../survey-forms/src';
import { getCampaignRow } from '../../services/campaigns';
import { renderSheet } from '../../services/invitation-sheet';
import { MAX_CODES_PER_REQUEST, invitationInfo, issueInvitations, slipsFor } from '../../services/invitations';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';

const IssueBody = z.object({
  group: GroupCode,
  /** Required for own-unit forms (the unit rated); must be absent for cross forms. */
  unitId: z.uuid().optional(),
  /** For cross forms: the unit type rated, when the group has cross forms for more than one type. */
  unitType: UnitType.optional(),
  count: z.number().int().min(1).max(MAX_CODES_PER_REQUEST),
});

/** docs/API.md §7 invitations: issue codes (admin), print slips (admin), look a code up (public, rate-limited). */
const invitationRoutes: FastifyPluginAsyncZod<{ publicUrl?: string | undefined }> = async (app, opts) => {
  app.post(
    '/api/campaigns/:id/invitations',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['invitations'],
        summary: 'Issue invitation codes for a group (and unit); the codes are shown only in this reply',
        params: IdParams,
        body: IssueBody,
        response: { 201: z.object({ codes: z.array(z.string()) }), ...staffErrors, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const codes = await issueInvitations(app.db, await app.invitationPepper(), request.params.id, request.body);
      return reply.code(201).send({ codes });
    },
  );

  app.post(
    '/api/campaigns/:id/invitations/sheet',
    {
      preHandler: app.requireRole('admin'),
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
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.get(
    '/api/invitations/:code',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['invitations'],
        summary: 'What a respondent with this code answers (404 unknown, 410 used)',
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: InvitationInfo, 404: ProblemSchema, 409: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => invitationInfo(app.db, await app.invitationPepper(), request.params.code),
  );
};
export default invitationRoutes;
