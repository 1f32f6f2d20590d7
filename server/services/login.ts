import type { DbOrTx } from '../../db/client';
import { AppError, RateLimitedError } from '../errors';
import type { TokenSubject } from '../plugins/auth';
import { LOGIN_ACCOUNT, LOGIN_ADDRESS, clearFailures, recordFailure, retryAfter } from './throttle';
import { findUserByLogin } from './users';

/**
 * A staff login behind its two failure throttles (docs/SECURITY.md "Guessing"): per account,
 * so one password cannot be guessed from many addresses, and per address, so one address
 * cannot try many accounts. A correct password counts toward neither and clears the
 * account's failures.
 */
export async function logIn(db: DbOrTx, input: { username: string; password: string; addressKey: string }): Promise<TokenSubject & { mustChangePassword: boolean }> {
  const wait = Math.max(await retryAfter(db, LOGIN_ACCOUNT, input.username), await retryAfter(db, LOGIN_ADDRESS, input.addressKey));
  if (wait > 0) throw new RateLimitedError(wait);
  const user = await findUserByLogin(db, input.username, input.password);
  if (!user) {
    await recordFailure(db, LOGIN_ACCOUNT, input.username);
    await recordFailure(db, LOGIN_ADDRESS, input.addressKey);
    throw new AppError('auth.invalid_credentials');
  }
  await clearFailures(db, LOGIN_ACCOUNT, input.username);
  return user;
}

/** A wrong current password on POST /api/auth/password spends the account's login budget too. */
export async function checkPasswordAttempt(db: DbOrTx, username: string): Promise<void> {
  const wait = await retryAfter(db, LOGIN_ACCOUNT, username);
  if (wait > 0) throw new RateLimitedError(wait);
}

export const recordPasswordFailure = (db: DbOrTx, username: string) => recordFailure(db, LOGIN_ACCOUNT, username);
