import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** GET /api/openapi.json: the whole API as OpenAPI 3 (docs/API.md, introduction). */
const openapiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(app.swagger()));
};
export default openapiRoutes;
