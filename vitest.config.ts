import { defineConfig } from 'vitest/config';

// One runner for every test. Database tests pick PGlite or PostgreSQL from TEST_DATABASE_URL
// (server/test/harness.ts); browser tests drive /usr/bin/chromium through playwright-core
// against the built PWA, so tests run in Node and need no DOM emulation.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'pwa/dist/**', 'data/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
