import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_SYNC_RESPONSES, SyncReply } from '../../../survey-forms/src';
import { AppError } from '../../errors';
import { FailureThrottle } from '../../services/invitation-throttle';
import { findInvitation } from '../../services/invitations';
import type { SyncCredential } from '../../services/sync-check';
import { syncResponses } from '../../services/sync';
import { ProblemSchema } from '../schemas';

/**
 * The outer shape only: each item is checked on its own by services/sync-check.ts, so one
 * malformed response is `rejected` without failing the others (docs/API.md §8 sync).
 */
const SyncBody = z.object({ responses: z.array(z.unknown()).max(MAX_SYNC_RESPONSES) });

/** POST /api/sync: the one way answers reach the server (docs/SYNC.md). */
const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  // 20 wrong codes a minute per address; with 2^50 codes that is hopeless guessing.
  const throttle = new FailureThrottle(20, 60_000);
  const staffAuth = app.requireRole('admin', 'collector');

  app.post(
    '/api/sync',
    {
      schema: {
        tags: ['sync'],
        summary: 'Submit responses (staff token or X-Invitation-Code); one result per response, in order',
        security: [{ bearer: [] }, { invitation: [] }],
        body: SyncBody,
        response: { 200: SyncReply, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      let cred: SyncCredential;
      const code = request.headers['x-invitation-code'];
      if (request.headers.authorization) {
        await staffAuth(request);
        cred = { kind: 'staff', user: request.user };
      } else if (typeof code === 'string' && code.length > 0) {
        const wait = throttle.retryAfter(request.ip);
        if (wait > 0) throw new AppError('request.rate_limited', `Thử lại sau ${wait} giây (retry later)`);
        const invitation = code.length <= 64 ? await findInvitation(app.db, code) : null;
        if (!invitation) {
          throttle.fail(request.ip);
          // Permanent for the respondent (docs/SYNC.md): 404, not the transient 401 of staff.
          throw new AppError('invitation.not_found');
        }
        cred = { kind: 'invitation', invitation };
      } else {
        throw new AppError('auth.required', 'Cần mã mời (X-Invitation-Code) hoặc đăng nhập');
      }
      return { results: await syncResponses(app.db, cred, request.body.responses) };
    },
  );
};
export default syncRoutes;
