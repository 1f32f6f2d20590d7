import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { settings } from '../../db/schema';
import { loadConfig } from '../config';
import { jwtSecret, readInvitationPepper } from '../services/secrets';
import { createTestDatabase } from './harness';

/** Secrets set in the environment or in files never reach the database, so a dump does not hold them (docs/SECURITY.md "Secrets"). */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('secrets outside the database', () => {
  it('reads JWT_SECRET_FILE and INVITATION_PEPPER_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-secrets-'));
    writeFileSync(join(dir, 'jwt'), `${'j'.repeat(40)}\n`);
    writeFileSync(join(dir, 'pepper'), 'p'.repeat(40));
    const config = loadConfig({ JWT_SECRET_FILE: join(dir, 'jwt'), INVITATION_PEPPER_FILE: join(dir, 'pepper') });
    expect(config.JWT_SECRET).toBe('j'.repeat(40));
    expect(config.INVITATION_PEPPER).toBe('p'.repeat(40));
  });

  it('configured secrets are used and not stored; unset ones are generated once into settings', async () => {
    expect(await jwtSecret(database.db, 's'.repeat(40))).toBe('s'.repeat(40));
    expect(await readInvitationPepper(database.db, 'q'.repeat(40))).toBe('q'.repeat(40));
    expect(await database.db.select().from(settings)).toEqual([]);
    const generated = await readInvitationPepper(database.db);
    expect(await readInvitationPepper(database.db)).toBe(generated);
    expect(await database.db.select().from(settings).where(eq(settings.key, 'invitation_pepper'))).toHaveLength(1);
  });
});
