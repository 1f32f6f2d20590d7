import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_SYNC_RESPONSES, SyncReply } from '../../../survey-forms/src';
import { AppError } from '../../errors';
import { syncResponses } from '../../services/sync';
import { ProblemSchema } from '../schemas';

/**
 * The outer shape only: each item is checked on its own by services/sync-check.ts, so one
 * malformed response is `rejected` without failing the others (docs/API.md §8 sync).
 */
const SyncBody = z.object({ responses: z.array(z.unknown()).max(MAX_SYNC_RESPONSES) });

/** POST /api/sync: the one way answers reach the server (docs/SYNC.md). */
const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sync',
    {
      onRequest: app.requireInvitationOrStaff('admin', 'collector'),
      // One response with a NUL is `rejected` on its own (services/sync-check.ts), not the whole batch.
      config: { textCheckedPerItem: true },
      schema: {
        tags: ['sync'],
        summary: 'Submit responses (staff token or X-Invitation-Code); one result per response, in order',
        body: SyncBody,
        response: { 200: SyncReply, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 429: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      if (!request.credential) throw new AppError('auth.required');
      const cred = request.credential;
      const results = await syncResponses(app.db, app.campaignContexts, cred, request.body.responses);
      app.metrics.syncResults(results);
      // A full batch of held ballots is mixed in the background (docs/PRIVACY.md "When the mix runs").
      if (cred.kind === 'invitation' && results.some((r) => r.status === 'accepted')) app.ballotMixer.nudge([cred.invitation.campaignId]);
      return { results };
    },
  );
};
export default syncRoutes;
