import { asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { users } from '../../db/schema';
import { isUniqueViolation } from '../db-errors';
import { AppError } from '../errors';
import type { Role, StaffUser, TokenSubject } from '../plugins/auth';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { revokeUserRefreshTokens } from './refresh-tokens';

export async function findUserByLogin(db: DbOrTx, username: string, password: string): Promise<(TokenSubject & { mustChangePassword: boolean }) | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  // Hash even for an unknown user so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) return null;
  return { id: row.id, username: row.username, role: row.role, tokenVersion: row.tokenVersion, mustChangePassword: row.mustChangePassword };
}

export async function createUser(
  db: DbOrTx,
  input: { username: string; password: string; role: Role; displayName?: string | undefined; mustChangePassword?: boolean },
): Promise<TokenSubject> {
  try {
    const [row] = await db
      .insert(users)
      .values({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        displayName: input.displayName ?? '',
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return { id: row.id, username: row.username, role: row.role, tokenVersion: row.tokenVersion };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('user.exists', `Tên đăng nhập đã tồn tại: ${input.username}`);
    throw err;
  }
}

/** The advisory lock key held while deciding on the first admin (db/client.ts MIGRATION_LOCK is the other one). */
const FIRST_ADMIN_LOCK = 720_260_013;

/**
 * On an empty database, creates the first admin (docs/API.md §2 start-up).
 * Returns the generated password when one had to be made, so the caller prints it once.
 *
 * Several nodes may start together on an empty database (docs/OPERATIONS.md
 * "Several app nodes and a standby database"): within the caller's transaction a transaction-scoped advisory lock makes them decide
 * one at a time, so exactly one creates the admin and the others see it and go on; the insert
 * also does nothing on a taken username rather than fail, should the lock ever be bypassed.
 */
export async function ensureFirstAdmin(tx: Tx, username: string, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
  const [existing] = await tx.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { created: false };
  const chosen = password ?? generatePassword();
  // A printed password has been seen in a log: its owner is asked to replace it at first login.
  const inserted = await tx
    .insert(users)
    .values({ username, passwordHash: await hashPassword(chosen), role: 'admin', displayName: 'Quản trị viên', mustChangePassword: password === undefined })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id });
  if (inserted.length === 0) return { created: false };
  return password ? { created: true } : { created: true, generatedPassword: chosen };
}

// A valid hash of a random password, used to equalise login timing for unknown users.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface UserRecord extends StaffUser {
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

function record(row: typeof users.$inferSelect): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    displayName: row.displayName,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listUsers(db: DbOrTx): Promise<UserRecord[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  return rows.map(record);
}

export async function getUser(db: DbOrTx, id: string): Promise<UserRecord> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('user.not_found', `Không có người dùng ${id}`);
  return record(row);
}

/**
 * Every state change that must end the account's sessions goes through here: raising
 * `token_version` makes every staff token issued before it fail in plugins/auth.ts at once
 * (password change, disabling, a password reset by an admin), and the account's refresh
 * tokens are deleted, so no new access token can be had either (services/refresh-tokens.ts
 * also refuses a token issued under an older version).
 */
export async function revokeTokens(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ tokenVersion: sql`${users.tokenVersion} + 1` }).where(eq(users.id, userId));
  await revokeUserRefreshTokens(db, userId);
}

/** Disables an account; its sessions end at once through `revokeTokens` (and plugins/auth.ts reads `disabled` on every call). */
export async function disableUser(db: DbOrTx, id: string, by: StaffUser): Promise<UserRecord> {
  // An admin locking themself out would leave nobody able to undo it.
  if (id === by.id) throw new AppError('auth.forbidden', 'Không thể tự khóa tài khoản của chính mình (cannot disable yourself)');
  const [row] = await db.update(users).set({ disabled: true }).where(eq(users.id, id)).returning();
  if (!row) throw new AppError('user.not_found', `Không có người dùng ${id}`);
  await revokeTokens(db, id);
  return record(row);
}

/** Re-enables a disabled account: its owner can log in again with the same password. */
export async function enableUser(db: DbOrTx, id: string): Promise<UserRecord> {
  const [row] = await db.update(users).set({ disabled: false }).where(eq(users.id, id)).returning();
  if (!row) throw new AppError('user.not_found', `Không có người dùng ${id}`);
  return record(row);
}

/**
 * An admin sets a new password for someone (a forgotten one), or has one generated. The
 * owner must change it at next login: the admin knows it. Every token issued before stops
 * working. Returns the generated password, to be shown once and never stored or logged in clear.
 */
export async function resetPassword(db: DbOrTx, id: string, password: string | undefined): Promise<{ user: UserRecord; generatedPassword?: string }> {
  const chosen = password ?? generatePassword();
  const [row] = await db.update(users).set({ passwordHash: await hashPassword(chosen), mustChangePassword: true }).where(eq(users.id, id)).returning();
  if (!row) throw new AppError('user.not_found', `Không có người dùng ${id}`);
  await revokeTokens(db, id);
  return password === undefined ? { user: record(row), generatedPassword: chosen } : { user: record(row) };
}

/** Changes one's own password after proving the current one; every token issued before stops working, the caller's included. */
export async function changePassword(db: DbOrTx, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row || row.disabled) throw new AppError('auth.token_invalid');
  if (!(await verifyPassword(currentPassword, row.passwordHash))) throw new AppError('user.wrong_password');
  if (currentPassword === newPassword) throw new AppError('user.same_password');
  await db.update(users).set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false }).where(eq(users.id, userId));
  await revokeTokens(db, userId);
}
