import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withTransaction } from '../../db/client';
import { users } from '../../db/schema';
import { ensureFirstAdmin } from '../services/users';
import { createTestDatabase } from './harness';

/**
 * Several app nodes starting together on an empty database (docs/OPERATIONS.md
 * "Several app nodes and a standby database"): each runs server.ts's first step, `ensureFirstAdmin` in a transaction of its own, at
 * the same time. Exactly one admin results and no node fails. On PostgreSQL the calls run on
 * separate pool connections, so their transactions truly overlap; on PGlite they queue.
 */
describe('the first admin, with nodes starting together', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const start = (username: string, password?: string) => withTransaction(database.db, (tx) => ensureFirstAdmin(tx, username, password));

  it('creates one admin when four nodes with the same settings start at once; none fails', async () => {
    const outcomes = await Promise.all([start('admin'), start('admin'), start('admin'), start('admin')]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    // The password is printed by the one node that made it, and only there.
    expect(outcomes.filter((o) => o.generatedPassword !== undefined)).toHaveLength(1);
    const rows = await database.db.select({ username: users.username, role: users.role }).from(users);
    expect(rows).toEqual([{ username: 'admin', role: 'admin' }]);
  });

  it('creates nothing more once an admin exists, even when later nodes name another', async () => {
    const outcomes = await Promise.all([start('quantri', 'mat-khau-chon-san'), start('admin2', 'mat-khau-chon-san')]);
    expect(outcomes).toEqual([{ created: false }, { created: false }]);
    expect(await database.db.select({ username: users.username }).from(users)).toEqual([{ username: 'admin' }]);
  });
});

describe('the first admin, with nodes naming different usernames on an empty database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('still makes exactly one admin', async () => {
    const outcomes = await Promise.all(['admin', 'quantri', 'admin'].map((u) => withTransaction(database.db, (tx) => ensureFirstAdmin(tx, u, 'mat-khau-chon-san'))));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await database.db.select({ id: users.id }).from(users)).toHaveLength(1);
  });
});
