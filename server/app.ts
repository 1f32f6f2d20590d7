import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/client';
import { type Config, durationSeconds, REFRESH_DEFAULTS, SYNC_CONCURRENCY_DEFAULT } from './config';
import { genReqId } from './log-errors';
import { logController, loggerOptions } from './log-redaction';
import authPlugin from './plugins/auth';
import ballotMixer, { type MixerOptions } from './plugins/ballot-mixer';
import campaignContextsPlugin from './plugins/campaign-contexts';
import clockPlugin from './plugins/clock';
import compressionPlugin from './plugins/compression';
import dbPlugin from './plugins/db';
import errorsPlugin, { clientErrorHandler, frameworkErrorHandler } from './plugins/errors';
import inputGuard, { MAX_URL_LENGTH } from './plugins/input-guard';
import drainingPlugin from './plugins/draining';
import metricsPlugin from './plugins/metrics';
import pwaStatic from './plugins/pwa-static';
import routeAccess from './plugins/route-access';
import secretsPlugin from './plugins/secrets';
import securityHeaders from './plugins/security-headers';
import syncAdmission from './plugins/sync-admission';
import auditRoutes from './routes/audit';
import authRoutes from './routes/auth';
import campaignSetupRoutes from './routes/campaign-setup';
import campaignSheetRoutes from './routes/campaign-sheets';
import campaignRoutes from './routes/campaigns';
import healthRoutes from './routes/health';
import metricsRoutes from './routes/metrics';
import invitationRoutes from './routes/invitations';
import openapiRoutes from './routes/openapi';
import progressRoutes from './routes/progress';
import questionnaireRoutes from './routes/questionnaires';
import scoreRoutes from './routes/scores';
import reviewRoutes from './routes/review';
import publicationRoutes from './routes/publications';
import syncRoutes from './routes/sync';
import userRoutes from './routes/users';

export interface AppOptions {
  database: Database;
  /** REFRESH_TOKEN_TTL and REFRESH_TOKEN_MAX_AGE default as in server/config.ts. */
  config: Pick<Config, 'TOKEN_TTL' | 'PWA_DIST' | 'LOG_LEVEL' | 'PUBLIC_URL' | 'TRUST_PROXY'> & Partial<Pick<Config, 'REFRESH_TOKEN_TTL' | 'REFRESH_TOKEN_MAX_AGE' | 'SYNC_CONCURRENCY'>>;
  jwtSecret: string;
  /** INVITATION_PEPPER; unset: the one kept in the database (services/secrets.ts). */
  invitationPepper?: string | undefined;
  /** The clock (server/plugins/clock.ts); tests pass a fixed one. */
  now?: () => Date;
  /** Fastify logger setting; tests pass false, or `loggerOptions` with a stream to read the lines. */
  logger?: FastifyServerOptions['logger'];
  /** When held invitation ballots are mixed (docs/PRIVACY.md); defaults suit production. */
  mix?: MixerOptions;
}

/** The logger of the service: what a request line and an error line may hold (log-redaction.ts, log-errors.ts). */
export { loggerOptions };

/** 5 MB per request (docs/API.md §8 sync), plus room for JSON framing. */
const BODY_LIMIT = 5 * 1024 * 1024 + 64 * 1024;

/**
 * The whole service as one Fastify instance (docs/ARCHITECTURE.md §1 app as a plugin). Tests build it and call
 * `app.inject`; server.ts builds it and listens. The database arrives already migrated.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(opts.config.LOG_LEVEL),
    genReqId,
    logController: logController(),
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.config.TRUST_PROXY,
    // Long path parameters reach the route and its schema (400 naming the field) instead of
    // falling through to the app's catch-all; the URL as a whole is capped by plugins/input-guard.ts.
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    // Errors raised before any route exists still leave as problem+json (plugins/errors.ts).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // plugins/draining.ts answers requests during shutdown with problem+json instead.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(securityHeaders, { root: opts.config.PWA_DIST });
  await app.register(inputGuard);
  await app.register(routeAccess);
  await app.register(dbPlugin, { database: opts.database });
  await app.register(drainingPlugin);
  await app.register(metricsPlugin, opts.database.pool ? { pool: opts.database.pool } : {});
  await app.register(syncAdmission, { limit: opts.config.SYNC_CONCURRENCY ?? SYNC_CONCURRENCY_DEFAULT });
  // State that lives as long as the app, each a decorator cleared on close: the invitation
  // pepper (app.invitationPepper) and the sync's campaign contexts (app.campaignContexts). The
  // failure throttles live in the database (services/throttle.ts), shared by every app node.
  await app.register(secretsPlugin, { invitationPepper: opts.invitationPepper });
  await app.register(campaignContextsPlugin);
  await app.register(clockPlugin, { now: opts.now });
  await app.register(ballotMixer, opts.mix ?? {});
  await app.register(authPlugin, {
    secret: opts.jwtSecret,
    accessTokenSeconds: durationSeconds(opts.config.TOKEN_TTL),
    refreshPolicy: { ttlSeconds: durationSeconds(opts.config.REFRESH_TOKEN_TTL ?? REFRESH_DEFAULTS.ttl), maxAgeSeconds: durationSeconds(opts.config.REFRESH_TOKEN_MAX_AGE ?? REFRESH_DEFAULTS.maxAge) },
  });
  // Before the routes: it decides per route, as each is added, whether its replies are compressed.
  await app.register(compressionPlugin);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'par-survey API',
        description: 'Khảo sát xã hội học Chỉ số CCHC: phiếu, đồng bộ câu trả lời, điểm số (docs/API.md)',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          invitation: { type: 'apiKey', in: 'header', name: 'X-Invitation-Code' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(userRoutes);
  await app.register(questionnaireRoutes);
  await app.register(campaignRoutes);
  await app.register(campaignSetupRoutes);
  await app.register(campaignSheetRoutes);
  await app.register(invitationRoutes, { publicUrl: opts.config.PUBLIC_URL });
  await app.register(syncRoutes);
  await app.register(progressRoutes);
  await app.register(scoreRoutes);
  await app.register(reviewRoutes);
  await app.register(publicationRoutes);
  await app.register(metricsRoutes);
  await app.register(openapiRoutes);
  await app.register(pwaStatic, { root: opts.config.PWA_DIST });
  return app;
}
