import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../../db/client';
import { Role } from '../../../survey-forms/src/codes';
import { recordAudit } from '../../services/audit';
import { createUser, disableUser, enableUser, getUser, listUsers, resetPassword } from '../../services/users';
import { IdParams, Password, ProblemSchema, staffErrors } from '../schemas';

const TAGS = ['users'];

const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  role: Role,
  displayName: z.string(),
  disabled: z.boolean(),
  /** A generated or admin-reset password that the owner has not replaced yet. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});

/** Usernames are typed on phones: lower-case letters, digits and . _ - only. */
const Username = z.string().min(3).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, 'chữ thường không dấu, số, ".", "_", "-"');

/** Staff accounts (admin); changing one's own password is in routes/auth. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');

  app.post(
    '/api/users',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Tạo tài khoản cán bộ (create a staff user)',
        body: z.object({ username: Username, password: Password, role: Role, displayName: z.string().max(200).optional() }),
        response: { 201: UserView, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const created = await withTransaction(app.db, async (tx) => {
        const user = await createUser(tx, request.body);
        await recordAudit(tx, { actor: request.user, action: 'user.create', target: `user:${user.id}`, detail: { username: user.username, role: user.role } });
        return user;
      });
      return reply.code(201).send(await getUser(app.db, created.id));
    },
  );

  app.get(
    '/api/users',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Danh sách tài khoản cán bộ (list staff users)',
        response: { 200: z.array(UserView), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async () => listUsers(app.db),
  );

  app.post(
    '/api/users/:id/disable',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Khóa tài khoản; mã đăng nhập hiện có hết hiệu lực ngay (disable a user)',
        params: IdParams,
        response: { 200: UserView, ...staffErrors },
      },
    },
    async (request) =>
      withTransaction(app.db, async (tx) => {
        const user = await disableUser(tx, request.params.id, request.user);
        await recordAudit(tx, { actor: request.user, action: 'user.disable', target: `user:${user.id}`, detail: { username: user.username } });
        return user;
      }),
  );

  app.post(
    '/api/users/:id/enable',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Mở khóa tài khoản đã khóa (re-enable a disabled user)',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: UserView, ...staffErrors },
      },
    },
    async (request) =>
      withTransaction(app.db, async (tx) => {
        const user = await enableUser(tx, request.params.id);
        await recordAudit(tx, { actor: request.user, action: 'user.enable', target: `user:${user.id}`, detail: { username: user.username } });
        return user;
      }),
  );

  app.post(
    '/api/users/:id/password',
    {
      onRequest: admin,
      schema: {
        tags: TAGS,
        summary: 'Đặt lại mật khẩu; không gửi mật khẩu thì máy chủ tạo và trả về một lần (reset a password)',
        description: 'The owner must change the new password at next login. A generated password is in this reply only.',
        security: [{ bearer: [] }],
        params: IdParams,
        body: z.object({ password: Password.optional() }),
        response: { 200: UserView.extend({ generatedPassword: z.string().optional() }), ...staffErrors },
      },
    },
    async (request) =>
      withTransaction(app.db, async (tx) => {
        const { user, generatedPassword } = await resetPassword(tx, request.params.id, request.body.password);
        // Whether it was generated, never the password itself.
        await recordAudit(tx, { actor: request.user, action: 'user.password_reset', target: `user:${user.id}`, detail: { username: user.username, generated: generatedPassword !== undefined } });
        return generatedPassword === undefined ? user : { ...user, generatedPassword };
      }),
  );
};
export default userRoutes;
