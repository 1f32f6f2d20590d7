import fastifyJwt from '@fastify/jwt';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { users } from '../../db/schema';
import { AppError } from '../errors';
import { FailureThrottle } from '../services/invitation-throttle';
import { findInvitation } from '../services/invitations';
import type { SyncCredential } from '../services/sync-check';
import { declareAccess } from './route-access';

import type { Role } from '../../survey-forms/src/codes';

export type { Role };

export interface StaffUser {
  id: string;
  username: string;
  role: Role;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; username: string; role: Role };
    user: StaffUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a valid staff token of one of these roles (admin may do anything staff may); documented by plugins/route-access.ts. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
    /** Signs a staff token. */
    signToken: (user: StaffUser) => string;
    /**
     * onRequest hook: a staff token of one of these roles, or else an `X-Invitation-Code` header
     * naming an invitation; sets `request.credential`. Wrong codes are throttled per address.
     */
    requireInvitationOrStaff: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
    /** Failed invitation codes per client address in a sliding minute; lives as long as the app. */
    invitationThrottle: FailureThrottle;
  }
  interface FastifyRequest {
    /** Who sends: set by `requireInvitationOrStaff`. */
    credential: SyncCredential | null;
  }
}

/** 20 wrong codes a minute per address; with 2^50 codes that is hopeless guessing. */
const WRONG_CODES_PER_MINUTE = 20;

/**
 * Who is calling: staff by @fastify/jwt token (`requireRole`), respondents by invitation code
 * (`requireInvitationOrStaff`, codes looked up in services/invitations.ts).
 */
async function authPlugin(app: FastifyInstance, opts: { secret: string; tokenTtl: string }): Promise<void> {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.tokenTtl },
    formatUser: (payload) => ({ id: payload.sub, username: payload.username, role: payload.role }),
  });

  app.decorate('signToken', (user: StaffUser) => app.jwt.sign({ sub: user.id, username: user.username, role: user.role }));

  app.decorate('requireRole', (...roles: Role[]) => declareAccess(async (request: FastifyRequest) => {
    if (!request.headers.authorization) throw new AppError('auth.required');
    try {
      await request.jwtVerify();
    } catch {
      throw new AppError('auth.token_invalid');
    }
    // A disabled or deleted account loses access at once, whatever its token says.
    const [row] = await app.db.select({ disabled: users.disabled, role: users.role }).from(users).where(eq(users.id, request.user.id));
    if (!row || row.disabled) throw new AppError('auth.token_invalid');
    if (row.role !== request.user.role) throw new AppError('auth.token_invalid', 'Vai trò đã thay đổi; hãy đăng nhập lại');
    if (row.role !== 'admin' && !roles.includes(row.role)) throw new AppError('auth.forbidden');
  }, roles));

  app.decorate('invitationThrottle', new FailureThrottle(WRONG_CODES_PER_MINUTE, 60_000));
  app.decorateRequest('credential', null);
  app.decorate('requireInvitationOrStaff', (...roles: Role[]) => {
    const staff = app.requireRole(...roles);
    return declareAccess(async (request: FastifyRequest) => {
      const code = request.headers['x-invitation-code'];
      if (request.headers.authorization) {
        await staff(request);
        request.credential = { kind: 'staff', user: request.user };
      } else if (typeof code === 'string' && code.length > 0) {
        const wait = app.invitationThrottle.retryAfter(request.ip);
        if (wait > 0) throw new AppError('request.rate_limited', `Thử lại sau ${wait} giây (retry later)`);
        const invitation = code.length <= 64 ? await findInvitation(app.db, await app.invitationPepper(), code) : null;
        if (!invitation) {
          app.invitationThrottle.fail(request.ip);
          // Permanent for the respondent (docs/SYNC.md): 404, not the transient 401 of staff.
          throw new AppError('invitation.not_found');
        }
        request.credential = { kind: 'invitation', invitation };
      } else {
        throw new AppError('auth.required', 'Cần mã mời (X-Invitation-Code) hoặc đăng nhập');
      }
    }, [...roles, 'invitation']);
  });
  app.addHook('onClose', async () => app.invitationThrottle.clear());
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db', 'secrets'] });
