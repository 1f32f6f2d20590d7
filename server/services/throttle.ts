import { createHmac } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { throttleFailures } from '../../db/schema';
import { RateLimitedError } from '../errors';

/**
 * Failure throttles kept in the database, so every app node sharing it sees the same counts
 * and a restart forgets nothing (docs/SECURITY.md "Guessing"). Only failures are counted: a
 * correct password or a valid invitation code never brings anyone closer to a limit.
 * A key may fail `maxFailures` times in a window that starts at its first failure; then it
 * waits until the window ends (the 429's Retry-After).
 */
export interface ThrottlePolicy {
  scope: 'login-account' | 'login-address' | 'refresh-address' | 'invitation-address' | 'invitation-all';
  maxFailures: number;
  windowSeconds: number;
}

/** Per account: a colleague mistyping is fine, a guesser gets 10 tries a quarter hour. */
export const LOGIN_ACCOUNT: ThrottlePolicy = { scope: 'login-account', maxFailures: 10, windowSeconds: 15 * 60 };
/** Per address: room for an office of staff behind one NAT mistyping now and then. */
export const LOGIN_ADDRESS: ThrottlePolicy = { scope: 'login-address', maxFailures: 30, windowSeconds: 15 * 60 };
/**
 * Refused refresh tokens per address (POST /api/auth/refresh). A 256-bit token cannot be
 * guessed; this only stops an address from hammering the endpoint. A phone's own refreshes
 * succeed and never count.
 */
export const REFRESH_ADDRESS: ThrottlePolicy = { scope: 'refresh-address', maxFailures: 30, windowSeconds: 15 * 60 };
/** Wrong invitation codes per address an hour: typos from a whole office behind one address. */
export const INVITATION_ADDRESS: ThrottlePolicy = { scope: 'invitation-address', maxFailures: 20, windowSeconds: 60 * 60 };
/**
 * Wrong codes from all addresses together an hour. Past it, the service is under a spread-out
 * guessing attack: each address may then fail once an hour (INVITATION_UNDER_ATTACK).
 */
export const INVITATION_ALL: ThrottlePolicy = { scope: 'invitation-all', maxFailures: 10_000, windowSeconds: 60 * 60 };
const INVITATION_UNDER_ATTACK: ThrottlePolicy = { ...INVITATION_ADDRESS, maxFailures: 1 };

/**
 * Addresses are kept only as a keyed hash (HMAC-SHA256 with a server secret, 64 bits): enough to
 * count, not a list of who typed a wrong code. The window's start is on the minute.
 */
export function addressKey(secret: string, address: string): string {
  return createHmac('sha256', secret).update(address).digest('hex').slice(0, 16);
}

const minuteOf = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/** Seconds `key` must wait before it may fail again, or 0 when it may try now. */
export async function retryAfter(db: DbOrTx, policy: ThrottlePolicy, key: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ failures: throttleFailures.failures, windowStart: throttleFailures.windowStart })
    .from(throttleFailures)
    .where(and(eq(throttleFailures.scope, policy.scope), eq(throttleFailures.key, key)));
  if (!row || row.failures < policy.maxFailures) return 0;
  const ends = row.windowStart.getTime() + policy.windowSeconds * 1000;
  return ends > now.getTime() ? Math.ceil((ends - now.getTime()) / 1000) : 0;
}

/** Counts one failure for `key` (a new window when the last one has ended). */
export async function recordFailure(db: DbOrTx, policy: ThrottlePolicy, key: string, now = new Date()): Promise<void> {
  const start = minuteOf(now);
  const expired = sql`${throttleFailures.windowStart} <= ${new Date(now.getTime() - policy.windowSeconds * 1000).toISOString()}::timestamptz`;
  await db
    .insert(throttleFailures)
    .values({ scope: policy.scope, key, failures: 1, windowStart: start })
    .onConflictDoUpdate({
      target: [throttleFailures.scope, throttleFailures.key],
      set: {
        failures: sql`case when ${expired} then 1 else ${throttleFailures.failures} + 1 end`,
        windowStart: sql`case when ${expired} then ${start.toISOString()}::timestamptz else ${throttleFailures.windowStart} end`,
      },
    });
  // Now and then, forget windows that ended long ago (a day is longer than any window).
  if (Math.random() < 0.01) await db.delete(throttleFailures).where(lt(throttleFailures.windowStart, new Date(now.getTime() - 86_400_000)));
}

/** Forgets `key`'s failures (an account after a correct password). */
export async function clearFailures(db: DbOrTx, policy: ThrottlePolicy, key: string): Promise<void> {
  await db.delete(throttleFailures).where(and(eq(throttleFailures.scope, policy.scope), eq(throttleFailures.key, key)));
}

/** Refuses (429 with Retry-After) an address that has used up its wrong invitation codes. */
export async function checkInvitationGuess(db: DbOrTx, addressHash: string, now = new Date()): Promise<void> {
  const underAttack = (await retryAfter(db, INVITATION_ALL, '*', now)) > 0;
  const wait = await retryAfter(db, underAttack ? INVITATION_UNDER_ATTACK : INVITATION_ADDRESS, addressHash, now);
  if (wait > 0) throw new RateLimitedError(wait);
}

/** One wrong invitation code from `addressHash`, counted for the address and for everyone. */
export async function recordInvitationFailure(db: DbOrTx, addressHash: string, now = new Date()): Promise<void> {
  await recordFailure(db, INVITATION_ADDRESS, addressHash, now);
  await recordFailure(db, INVITATION_ALL, '*', now);
}
