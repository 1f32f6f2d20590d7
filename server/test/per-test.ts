import { afterEach, beforeEach } from 'vitest';
import { buildTestApp, type TestApp } from './harness';

/**
 * Gives every test of the calling file (or describe block) its own app on its own copy of the
 * migrated template database, closed and dropped after the test, so no test sees another's
 * rows. Call it at the top of the block; the returned function answers the current test's app.
 * Seed each test in a `beforeEach` registered after this call (hooks run in order).
 */
export function appPerTest(): () => TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await buildTestApp();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('appPerTest(): the app exists only while a test runs');
    return current;
  };
}
