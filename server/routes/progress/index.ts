import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Being written (issue in progress): routes for "progress".
const routes: FastifyPluginAsyncZod = async () => {};
export default routes;
