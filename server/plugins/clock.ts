import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The current time; tests inject a fixed one so nothing they check depends on the day they run. */
    now(): Date;
  }
}

async function clockPlugin(app: FastifyInstance, opts: { now?: (() => Date) | undefined }): Promise<void> {
  app.decorate('now', opts.now ?? (() => new Date()));
}

export default fp(clockPlugin, { name: 'clock' });
