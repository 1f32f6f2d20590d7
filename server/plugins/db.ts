import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db } from '../../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    /** drizzle over PGlite or PostgreSQL; routes pass it (or a transaction) down to services. */
    db: Db;
    dbEngine: Database['engine'];
  }
}

/** Exposes an already-migrated database to the app; its owner (server.ts or a test) closes it. */
async function dbPlugin(app: FastifyInstance, opts: { database: Database }): Promise<void> {
  app.decorate('db', opts.database.db);
  app.decorate('dbEngine', opts.database.engine);
}

export default fp(dbPlugin, { name: 'db' });
