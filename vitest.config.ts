import { defineConfig } from 'vitest/config';

// One runner for every test. Database tests pick PGlite or PostgreSQL from TEST_DATABASE_URL
// (server/test/harness.ts); browser tests drive Chromium (pwa/e2e/chromium-path.ts) through playwright-core
// against the built PWA, so tests run in Node and need no DOM emulation.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'pwa/dist/**', 'data/**'],
    environment: 'node',
    // Migrates the template database every test database is copied from, once per run.
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
