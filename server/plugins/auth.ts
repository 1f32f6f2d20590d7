import fastifyJwt from '@fastify/jwt';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { users } from '../../db/schema';
import { AppError } from '../errors';

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
    /** preHandler: a valid staff token of one of these roles (admin may do anything staff may). */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
    /** Signs a staff token. */
    signToken: (user: StaffUser) => string;
  }
}

/** Staff authentication with @fastify/jwt; respondents use invitation codes instead (services/invitations.ts). */
async function authPlugin(app: FastifyInstance, opts: { secret: string; tokenTtl: string }): Promise<void> {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.tokenTtl },
    formatUser: (payload) => ({ id: payload.sub, username: payload.username, role: payload.role }),
  });

  app.decorate('signToken', (user: StaffUser) => app.jwt.sign({ sub: user.id, username: user.username, role: user.role }));

  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
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
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db'] });
