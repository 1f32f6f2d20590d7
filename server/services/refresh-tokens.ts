import { randomUUID } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { refreshTokens, users } from '../../db/schema';
import type { TokenSubject } from '../plugins/auth';
import { newOpaqueToken, tokenHash } from './opaque-token';

/**
 * Refresh tokens (docs/SECURITY.md "Sessions"): how a collector stays logged in for weeks of
 * fieldwork while the bearer token itself lives minutes. A token is 256 random bits shown to
 * its owner once; the database keeps only its SHA-256, so a dump holds nothing that can be
 * presented. One login starts a family; every refresh rotates (the token used dies, a new one
 * of the family is issued) and presenting a token already rotated revokes the whole family:
 * either the owner or a thief holds a copy, and the server cannot tell which.
 */
export interface RefreshPolicy {
  /** Idle lifetime: unused this long, a token expires. Each rotation slides it forward. */
  ttlSeconds: number;
  /** The family's cap from login: sliding never goes past it. */
  maxAgeSeconds: number;
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

async function insertToken(tx: DbOrTx, row: { userId: string; family: string; tokenVersion: number; expiresAt: Date; familyExpiresAt: Date }): Promise<string> {
  const token = newOpaqueToken();
  await tx.insert(refreshTokens).values({ ...row, tokenHash: tokenHash(token) });
  return token;
}

/** A new family at login; the account's expired tokens are swept at the same time. */
export async function issueRefreshToken(tx: Tx, user: TokenSubject, policy: RefreshPolicy, now: Date): Promise<string> {
  await tx.delete(refreshTokens).where(and(eq(refreshTokens.userId, user.id), lt(refreshTokens.expiresAt, now)));
  const familyExpiresAt = later(now, policy.maxAgeSeconds);
  return insertToken(tx, { userId: user.id, family: randomUUID(), tokenVersion: user.tokenVersion, expiresAt: earlier(later(now, policy.ttlSeconds), familyExpiresAt), familyExpiresAt });
}

export type Rotation =
  | { kind: 'ok'; user: TokenSubject & { mustChangePassword: boolean }; refreshToken: string }
  /** A rotated token came back: its family is revoked. `user` for the audit log, never the token. */
  | { kind: 'reused'; user: { id: string; username: string } }
  | { kind: 'invalid' };

/**
 * Spends `token` and issues its successor in the same family. The row is locked, so two
 * requests racing with one token are serialised: the second finds it rotated (reuse). The
 * account is read again: disabled, or its token_version raised since (password change, reset,
 * disabling), the family dies.
 */
export async function rotateRefreshToken(tx: Tx, token: string, policy: RefreshPolicy, now: Date): Promise<Rotation> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash(token))).for('update');
  if (!row) return { kind: 'invalid' };
  const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
  // Reused, expired, or the account disabled or its sessions ended since: the family dies.
  // Only reuse is reported as such (to the audit log); everything else is just invalid.
  const expired = row.expiresAt.getTime() <= now.getTime();
  if (row.rotated || expired || !user || user.disabled || user.tokenVersion !== row.tokenVersion) {
    await tx.delete(refreshTokens).where(eq(refreshTokens.family, row.family));
    return row.rotated && user ? { kind: 'reused', user: { id: user.id, username: user.username } } : { kind: 'invalid' };
  }
  // Kept (rotated) until its own expiry, so a copy presented later is recognised as reuse.
  await tx.update(refreshTokens).set({ rotated: true }).where(eq(refreshTokens.id, row.id));
  await tx.delete(refreshTokens).where(and(eq(refreshTokens.family, row.family), lt(refreshTokens.expiresAt, now)));
  const next = await insertToken(tx, {
    userId: user.id,
    family: row.family,
    tokenVersion: user.tokenVersion,
    expiresAt: earlier(later(now, policy.ttlSeconds), row.familyExpiresAt),
    familyExpiresAt: row.familyExpiresAt,
  });
  return { kind: 'ok', user: { id: user.id, username: user.username, role: user.role, tokenVersion: user.tokenVersion, mustChangePassword: user.mustChangePassword }, refreshToken: next };
}

/** Logout: the family of `token` dies (an unknown token is no error: logging out twice is fine). */
export async function revokeRefreshFamily(tx: Tx, token: string): Promise<void> {
  const [row] = await tx.select({ family: refreshTokens.family }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash(token)));
  if (row) await tx.delete(refreshTokens).where(eq(refreshTokens.family, row.family));
}

/** Every refresh token of an account (with its token_version raised: services/users.ts revokeTokens). */
export async function revokeUserRefreshTokens(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(refreshTokens).where(eq(refreshTokens.userId, userId));
}
