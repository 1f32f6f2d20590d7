import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the pure tests only (no database, no browser, no build), for a quick
 * loop while editing. Everything here also runs in `npm test`; a test that needs the server,
 * a database or Chromium does not belong in this list. No global setup: nothing to migrate.
 */
export default defineConfig({
  test: {
    include: [
      'survey-forms/**/*.test.ts',
      'server/stats/**/*.test.ts',
      'server/test/log-redaction.test.ts',
      'server/test/docs-citations.test.ts',
      'server/test/xlsform-roundtrip.property.test.ts',
      'server/test/xlsform-examples.test.ts',
      'server/test/xlsform-expressions.test.ts',
      'pwa/test/answers.test.ts',
      'pwa/test/audit-words.test.ts',
      'pwa/test/outbox.test.ts',
      'pwa/test/matrix-logic.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
