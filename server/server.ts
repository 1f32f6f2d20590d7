import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createDatabase, withTransaction } from '../db/client';
import { buildApp } from './app';
import { loadConfig } from './config';
import { startMetricsServer } from './metrics-server';
import { loadDemo } from './services/demo';
import { jwtSecret } from './services/secrets';
import { ensureFirstAdmin } from './services/users';

/**
 * The thin entry point (docs/ARCHITECTURE.md §1 app as a plugin): config → database → migrations → first admin
 * → optional demo → listen; SIGINT/SIGTERM drain requests in flight, then close the database.
 */
/** Longest wait for requests in flight on shutdown; under systemd's default TimeoutStopSec (90 s). */
const DRAIN_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = createDatabase(
    config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(config.DATA_DIR) },
  );
  await database.migrate();

  // Safe when several nodes start together on an empty database: one creates it (services/users.ts).
  const admin = await withTransaction(database.db, (tx) => ensureFirstAdmin(tx, config.ADMIN_USERNAME, config.ADMIN_PASSWORD));
  if (admin.generatedPassword) {
    // Printed once, on the console only: the database keeps just the hash.
    console.log(`\n  Tài khoản quản trị đầu tiên (first admin): ${config.ADMIN_USERNAME} / ${admin.generatedPassword}\n  Lần đăng nhập đầu, hệ thống sẽ yêu cầu đổi mật khẩu (trang /account). Mật khẩu này sẽ không hiện lại.\n  At first login you are asked to change it (page /account); it is not shown again.\n`);
  }
  if (config.PAR_DEMO) {
    const demo = await loadDemo(database.db);
    console.log(demo.loaded ? `  Đã nạp dữ liệu mẫu (demo loaded): ${demo.summary}` : '  Dữ liệu mẫu đã có sẵn (demo already present)');
  }

  const app = await buildApp({ database, config, jwtSecret: await jwtSecret(database.db, config.JWT_SECRET), invitationPepper: config.INVITATION_PEPPER });
  let closing = false;
  let metricsServer: Server | undefined;
  // Graceful shutdown (docs/OPERATIONS.md): stop taking work, let requests in flight finish
  // and be answered (a sync's transaction commits or rolls back whole), then close the
  // database. Bounded: after DRAIN_TIMEOUT_MS the process exits anyway, and what was not
  // answered was not acknowledged, so devices send it again.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests in flight');
    app.startDraining();
    const forced = setTimeout(() => {
      app.log.error('drain timed out; exiting');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS);
    forced.unref();
    try {
      await app.close();
      metricsServer?.close();
      app.log.info('drained; closing the database');
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.METRICS_PORT) {
    metricsServer = await startMetricsServer(app.metrics, config.METRICS_PORT, config.METRICS_HOST);
    app.log.info(`metrics: http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`);
  }
  app.log.info(`par-survey on ${database.engine}: http://localhost:${config.PORT}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
