import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings } from '../../db/schema';

/**
 * The staff-token signing secret: JWT_SECRET when configured, else one generated on first
 * start and kept in the database, so tokens (collectors work offline for days) survive restarts.
 */
export async function jwtSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.insert(settings).values({ key: 'jwt_secret', value: randomBytes(48).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'jwt_secret'));
  if (!row) throw new Error('jwt secret missing after insert');
  return row.value;
}

/**
 * The pepper mixed into invitation-code hashes: INVITATION_PEPPER when configured (outside the
 * database, so a dump alone does not allow offline guessing of codes), else generated once and
 * kept in `settings` (then a full dump does; docs/SECURITY.md "Secrets"). Read on every call; the app
 * keeps it for its lifetime in the `invitationPepper` decorator (plugins/secrets.ts).
 */
export async function readInvitationPepper(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db.insert(settings).values({ key: 'invitation_pepper', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'invitation_pepper'));
  if (!row) throw new Error('invitation pepper missing after insert');
  return row.value;
}
