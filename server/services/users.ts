import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { isUniqueViolation } from '../db-errors';
import { AppError } from '../errors';
import type { Role, StaffUser } from '../plugins/auth';
import { generatePassword, hashPassword, verifyPassword } from './passwords';

export async function findUserByLogin(db: DbOrTx, username: string, password: string): Promise<StaffUser | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  // Hash even for an unknown user so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) return null;
  return { id: row.id, username: row.username, role: row.role };
}

export async function createUser(db: DbOrTx, input: { username: string; password: string; role: Role; displayName?: string }): Promise<StaffUser> {
  try {
    const [row] = await db
      .insert(users)
      .values({ username: input.username, passwordHash: await hashPassword(input.password), role: input.role, displayName: input.displayName ?? '' })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return { id: row.id, username: row.username, role: row.role };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('user.exists', `Tên đăng nhập đã tồn tại: ${input.username}`);
    throw err;
  }
}

/**
 * On an empty database, creates the first admin (API.md "Start-up and first user").
 * Returns the generated password when one had to be made, so the caller prints it once.
 */
export async function ensureFirstAdmin(db: DbOrTx, username: string, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { created: false };
  const chosen = password ?? generatePassword();
  await createUser(db, { username, password: chosen, role: 'admin', displayName: 'Quản trị viên' });
  return password ? { created: true } : { created: true, generatedPassword: chosen };
}

// A valid hash of a random password, used to equalise login timing for unknown users.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
