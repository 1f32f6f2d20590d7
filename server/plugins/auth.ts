import { createHmac } from 'node:crypto';
import fastifyJwt from '@fastify/jwt';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { users } from '../../db/schema';
import { AppError } from '../errors';
import { findInvitation } from '../services/invitations';
import type { RefreshPolicy } from '../services/refresh-tokens';
import { addressKey, checkInvitationGuess, recordInvitationFailure } from '../services/throttle';
import type { SyncCredential } from '../services/sync-check';
import { declareAccess } from './route-access';

import type { Role } from '../../survey-forms/src/codes';

export type { Role };

export interface StaffUser {
  id: string;
  username: string;
  role: Role;
}

/** What a token is signed for: the user and their `token_version` (services/users.ts revokeTokens). */
export interface TokenSubject extends StaffUser {
  tokenVersion: number;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; username: string; role: Role; ver: number; iat?: number; exp?: number };
    /** `ver` is the token's token_version, compared with the account's on every call. */
    user: StaffUser & { ver: number };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a valid staff token of one of these roles (admin may do anything staff may); documented by plugins/route-access.ts. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
    /** Signs a staff access token, valid `accessTokenSeconds` from `app.now()`. */
    signToken: (user: TokenSubject) => string;
    /** How long an access token lives (TOKEN_TTL). */
    accessTokenSeconds: number;
    /** Idle lifetime and cap of refresh tokens (REFRESH_TOKEN_TTL, REFRESH_TOKEN_MAX_AGE; services/refresh-tokens.ts). */
    refreshPolicy: RefreshPolicy;
    /**
     * onRequest hook: a staff token of one of these roles, or else an `X-Invitation-Code` header
     * naming an invitation; sets `request.credential`. Wrong codes are throttled per address.
     */
    requireInvitationOrStaff: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
    /** The client address as the throttles store it: a keyed hash, never the address (services/throttle.ts). */
    addressKey: (request: FastifyRequest) => string;
  }
  interface FastifyRequest {
    /** Who sends: set by `requireInvitationOrStaff`. */
    credential: SyncCredential | null;
  }
}

/**
 * Who is calling: staff by @fastify/jwt token (`requireRole`), respondents by invitation code
 * (`requireInvitationOrStaff`, codes looked up in services/invitations.ts).
 */
async function authPlugin(app: FastifyInstance, opts: { secret: string; accessTokenSeconds: number; refreshPolicy: RefreshPolicy }): Promise<void> {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    formatUser: (payload) => ({ id: payload.sub, username: payload.username, role: payload.role, ver: payload.ver }),
  });
  app.decorate('accessTokenSeconds', opts.accessTokenSeconds);
  app.decorate('refreshPolicy', opts.refreshPolicy);

  // Issued and checked on the app's clock (plugins/clock.ts), so tests move time instead of waiting for it.
  app.decorate('signToken', (user: TokenSubject) => {
    const iat = Math.floor(app.now().getTime() / 1000);
    return app.jwt.sign({ sub: user.id, username: user.username, role: user.role, ver: user.tokenVersion, iat, exp: iat + opts.accessTokenSeconds });
  });

  app.decorate('requireRole', (...roles: Role[]) => declareAccess(async (request: FastifyRequest) => {
    if (!request.headers.authorization) throw new AppError('auth.required');
    try {
      await request.jwtVerify({ clockTimestamp: app.now().getTime() });
    } catch (err) {
      // Only a genuine token (the signature is checked before the expiry) can be "expired": the
      // one failure the phone answers by refreshing (docs/API.md §3 authentication).
      const expired = err instanceof Error && 'code' in err && err.code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
      throw new AppError(expired ? 'auth.token_expired' : 'auth.token_invalid');
    }
    // A disabled or deleted account, or a token issued before a password change, a reset or
    // disabling (token_version raised), loses access at once, whatever its expiry says.
    const [row] = await app.db
      .select({ disabled: users.disabled, role: users.role, tokenVersion: users.tokenVersion })
      .from(users)
      .where(eq(users.id, request.user.id));
    if (!row || row.disabled) throw new AppError('auth.token_invalid');
    if (row.tokenVersion !== request.user.ver) throw new AppError('auth.token_invalid', 'Phiên đăng nhập đã bị thu hồi; hãy đăng nhập lại (session revoked)');
    if (row.role !== request.user.role) throw new AppError('auth.token_invalid', 'Vai trò đã thay đổi; hãy đăng nhập lại');
    if (row.role !== 'admin' && !roles.includes(row.role)) throw new AppError('auth.forbidden');
  }, roles));

  const addressSecret = createHmac('sha256', opts.secret).update('throttle-address-key').digest('hex');
  app.decorate('addressKey', (request: FastifyRequest) => addressKey(addressSecret, request.ip));
  app.decorateRequest('credential', null);
  app.decorate('requireInvitationOrStaff', (...roles: Role[]) => {
    const staff = app.requireRole(...roles);
    return declareAccess(async (request: FastifyRequest) => {
      const code = request.headers['x-invitation-code'];
      if (request.headers.authorization) {
        await staff(request);
        request.credential = { kind: 'staff', user: request.user };
      } else if (typeof code === 'string' && code.length > 0) {
        // Only wrong codes count (services/throttle.ts): a valid code never nears a limit.
        await checkInvitationGuess(app.db, app.addressKey(request));
        const invitation = code.length <= 64 ? await findInvitation(app.db, await app.invitationPepper(), code) : null;
        if (!invitation) {
          await recordInvitationFailure(app.db, app.addressKey(request));
          // Permanent for the respondent (docs/SYNC.md): 404, not the transient 401 of staff.
          throw new AppError('invitation.not_found');
        }
        request.credential = { kind: 'invitation', invitation };
      } else {
        throw new AppError('auth.required', 'Cần mã mời (X-Invitation-Code) hoặc đăng nhập');
      }
    }, [...roles, 'invitation']);
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db', 'secrets'] });
