import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readInvitationPepper } from '../services/secrets';

declare module 'fastify' {
  interface FastifyInstance {
    /** The invitation-code pepper of the app's database, read once and kept for the app's lifetime. */
    invitationPepper: () => Promise<string>;
  }
}

/** Secrets kept in the database (services/secrets.ts), read on first use and forgotten on close. */
async function secretsPlugin(app: FastifyInstance, opts: { invitationPepper?: string | undefined }): Promise<void> {
  let pepper: Promise<string> | undefined;
  app.decorate('invitationPepper', () => {
    if (!pepper) {
      const read = readInvitationPepper(app.db, opts.invitationPepper);
      // A failed read (database briefly away) is tried again on the next request.
      read.catch(() => {
        if (pepper === read) pepper = undefined;
      });
      pepper = read;
    }
    return pepper;
  });
  app.addHook('onClose', async () => {
    pepper = undefined;
  });
}

export default fp(secretsPlugin, { name: 'secrets', dependencies: ['db'] });
