import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets the server mints and stores only as a hash (refresh tokens, integration
 * tokens): 256 random bits, shown to their owner once. SHA-256 is enough for 256 random bits:
 * nothing to guess, so no salt or slow hash as a password would need.
 */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token, and looks it up by. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
