import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, queryRows, type Database } from '../../db/client';
import { createEmptyTestDatabase } from './harness';

/**
 * Migration 0004 on a database that already holds a campaign: each chosen questionnaire gets
 * its slot (group, unit type) from the version it hands out, and each invitation the unit type
 * it rates (its unit's, or its group's cross form's), so codes already printed keep working.
 */
let database: Database;

async function apply(file: string): Promise<void> {
  for (const statement of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) await database.db.execute(sql.raw(statement));
  }
}

beforeAll(async () => {
  database = await createEmptyTestDatabase();
});
afterAll(() => database.close());

describe('migration 0004 (questionnaire slots)', () => {
  it('fills the slot of existing campaign questionnaires and the unit type of existing invitations', async () => {
    await apply('0000_init.sql');
    await apply('0001_audit_log.sql');
    await apply('0002_sessions-and-throttles.sql');
    await apply('0003_people-batches.sql');
    const c = '11111111-1111-4111-8111-111111111111';
    const xa = '22222222-2222-4222-8222-222222222222';
    for (const statement of [
      `INSERT INTO questionnaire_versions (questionnaire_id, version, definition) VALUES ('cc-xa', 1, '{"group":"cong_chuc","unitType":"xa","mode":"own_unit"}'), ('hdnd-so', 1, '{"group":"dai_bieu_hdnd","unitType":"so","mode":"cross"}')`,
      `INSERT INTO campaigns (id, name, year, organizer, status, opens_at, closes_at, missing_policy, index, definition) VALUES ('${c}', 'x', 2025, 'y', 'open', now(), now(), 'rescale', '{}', '{}')`,
      `INSERT INTO campaign_units (id, campaign_id, code, name, type) VALUES ('${xa}', '${c}', 'XA-01', 'Xã', 'xa')`,
      `INSERT INTO campaign_questionnaires (campaign_id, questionnaire_id, current_version) VALUES ('${c}', 'cc-xa', 1), ('${c}', 'hdnd-so', 1)`,
      `INSERT INTO invitations (campaign_id, group_code, unit_id, code_hash) VALUES ('${c}', 'cong_chuc', '${xa}', 'h1'), ('${c}', 'dai_bieu_hdnd', NULL, 'h2')`,
    ]) {
      await database.db.execute(sql.raw(statement));
    }
    await apply('0004_campaign-setup.sql');
    const slots = await queryRows<{ questionnaire_id: string; group_code: string; unit_type: string }>(database.db, sql`select questionnaire_id, group_code, unit_type from campaign_questionnaires order by questionnaire_id`);
    expect(slots).toEqual([
      { questionnaire_id: 'cc-xa', group_code: 'cong_chuc', unit_type: 'xa' },
      { questionnaire_id: 'hdnd-so', group_code: 'dai_bieu_hdnd', unit_type: 'so' },
    ]);
    const codes = await queryRows<{ code_hash: string; unit_type: string }>(database.db, sql`select code_hash, unit_type from invitations order by code_hash`);
    expect(codes).toEqual([
      { code_hash: 'h1', unit_type: 'xa' },
      { code_hash: 'h2', unit_type: 'so' },
    ]);
  });
});
