import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RefreshRequest, StaffSession, StaffUserView } from '../../../survey-forms/src/api';
import { AppError, RateLimitedError } from '../../errors';
import { withTransaction } from '../../../db/client';
import type { TokenSubject } from '../../plugins/auth';
import { recordAudit } from '../../services/audit';
import { checkPasswordAttempt, logIn, recordPasswordFailure } from '../../services/login';
import { issueRefreshToken, revokeRefreshFamily, rotateRefreshToken } from '../../services/refresh-tokens';
import { recordFailure, REFRESH_ADDRESS, retryAfter } from '../../services/throttle';
import { changePassword, getUser } from '../../services/users';
import { Password, ProblemSchema } from '../schemas';

/**
 * Staff authentication (docs/API.md §3 authentication): login, refresh, logout, who am I,
 * changing one's own password. Wrong passwords are throttled per account and per address in
 * the database (services/login.ts), so passwords cannot be guessed online; correct ones never
 * count. A login gives a short-lived access token and a single-use refresh token that buys the
 * next pair (services/refresh-tokens.ts, docs/SECURITY.md "Sessions"). Respondents
 * authenticate with invitation codes: `app.requireInvitationOrStaff` of plugins/auth.ts.
 */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const session = (user: TokenSubject & { mustChangePassword: boolean }, refreshToken: string): StaffSession => ({
    token: app.signToken(user),
    expiresIn: app.accessTokenSeconds,
    refreshToken,
    user: { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword },
  });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (staff login; public: the password is the credential)',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: StaffSession, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const user = await logIn(app.db, { ...request.body, addressKey: app.addressKey(request) });
      const now = app.now();
      const refreshToken = await withTransaction(app.db, (tx) => issueRefreshToken(tx, user, app.refreshPolicy, now));
      return session(user, refreshToken);
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Gia hạn phiên: mã làm mới → mã truy cập mới và mã làm mới mới (refresh; public: the refresh token is the credential)',
        body: RefreshRequest,
        response: { 200: StaffSession, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const now = app.now();
      const address = app.addressKey(request);
      const wait = await retryAfter(app.db, REFRESH_ADDRESS, address, now);
      if (wait > 0) throw new RateLimitedError(wait);
      const rotation = await withTransaction(app.db, async (tx) => {
        const result = await rotateRefreshToken(tx, request.body.refreshToken, app.refreshPolicy, now);
        // A rotated token presented again: a copy exists. Its family is revoked; say who, never the token.
        if (result.kind === 'reused') await recordAudit(tx, { actor: result.user, action: 'auth.refresh_reuse', target: `user:${result.user.id}`, detail: { username: result.user.username } });
        return result;
      });
      if (rotation.kind !== 'ok') {
        if (rotation.kind === 'reused') request.log.warn({ userId: rotation.user.id }, 'refresh token reused: the login is revoked');
        await recordFailure(app.db, REFRESH_ADDRESS, address, now);
        throw new AppError('auth.refresh_invalid');
      }
      return session(rotation.user, rotation.refreshToken);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng xuất: thu hồi mã làm mới (logout: revokes the refresh token and its login; public: the refresh token is the credential, and an unknown one is no error)',
        body: RefreshRequest,
        response: { 200: z.object({ loggedOut: z.literal(true) }), 400: ProblemSchema },
      },
    },
    async (request) => {
      await withTransaction(app.db, (tx) => revokeRefreshFamily(tx, request.body.refreshToken));
      return { loggedOut: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: app.requireRole('admin', 'analyst', 'collector'),
      schema: { tags: ['auth'], summary: 'The logged-in staff user', response: { 200: StaffUserView, 401: ProblemSchema } },
    },
    async (request) => {
      const user = await getUser(app.db, request.user.id);
      return { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
    },
  );

  app.post(
    '/api/auth/password',
    {
      onRequest: app.requireRole('admin', 'analyst', 'collector'),
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của chính mình (change own password)',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
        response: { 200: z.object({ changed: z.literal(true) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      // A stolen token must not become an online password-guessing oracle: a wrong current
      // password spends the account's login budget.
      await checkPasswordAttempt(app.db, request.user.username);
      try {
        await withTransaction(app.db, async (tx) => {
          await changePassword(tx, request.user.id, request.body.currentPassword, request.body.newPassword);
          await recordAudit(tx, { actor: request.user, action: 'user.password_change', target: `user:${request.user.id}`, detail: { username: request.user.username } });
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'user.wrong_password') await recordPasswordFailure(app.db, request.user.username);
        throw err;
      }
      return { changed: true as const };
    },
  );
};
export default authRoutes;
