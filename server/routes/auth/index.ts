import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../../survey-forms/src/codes';
import { AppError } from '../../errors';
import { findUserByLogin } from '../../services/users';
import { ProblemSchema } from '../schemas';

const UserSchema = z.object({ id: z.uuid(), username: z.string(), role: Role });

/** POST /api/auth/login (docs/API.md §3 authentication); rate-limited so passwords cannot be guessed online. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Staff login',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), user: UserSchema }), 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const user = await findUserByLogin(app.db, request.body.username, request.body.password);
      if (!user) throw new AppError('auth.invalid_credentials');
      return { token: app.signToken(user), user };
    },
  );

  app.get(
    '/api/auth/me',
    {
      preHandler: app.requireRole('admin', 'analyst', 'collector'),
      schema: { tags: ['auth'], summary: 'The logged-in staff user', response: { 200: UserSchema, 401: ProblemSchema } },
    },
    async (request) => request.user,
  );
};
export default authRoutes;
