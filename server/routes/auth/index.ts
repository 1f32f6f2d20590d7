import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../../survey-forms/src/codes';
import { AppError } from '../../errors';
import { withTransaction } from '../../../db/client';
import { recordAudit } from '../../services/audit';
import { checkPasswordAttempt, logIn, recordPasswordFailure } from '../../services/login';
import { changePassword, getUser } from '../../services/users';
import { Password, ProblemSchema } from '../schemas';

/** `mustChangePassword`: a generated or admin-reset password the user is asked to replace first. */
const UserSchema = z.object({ id: z.uuid(), username: z.string(), role: Role, mustChangePassword: z.boolean() });

/**
 * Staff authentication (docs/API.md §3 authentication): login, who am I, changing one's own password. Wrong
 * passwords are throttled per account and per address in the database (services/login.ts), so
 * passwords cannot be guessed online; correct ones never count. Respondents
 * authenticate with invitation codes: `app.requireInvitationOrStaff` of plugins/auth.ts.
 */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff login',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), user: UserSchema }), 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const user = await logIn(app.db, { ...request.body, addressKey: app.addressKey(request) });
      return { token: app.signToken(user), user: { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword } };
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: app.requireRole('admin', 'analyst', 'collector'),
      schema: { tags: ['auth'], summary: 'The logged-in staff user', response: { 200: UserSchema, 401: ProblemSchema } },
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
