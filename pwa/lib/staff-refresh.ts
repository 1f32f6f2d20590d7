import type { ApiFailure, ApiResult } from './api';
import type { RefreshCall } from './staff-api';
import type { Session } from './outbox';
import { getOutbox } from './store';
import { SESSION_KEY } from './sync';

/**
 * Renewing a staff member's expired access token with the stored refresh token (docs/SECURITY.md
 * "Sessions"). Loaded by lib/api.ts on the first `401 auth.token_expired`, never by the
 * respondent's screens. A refresh token is single use and the server revokes the whole login
 * when one comes back, so renewals never overlap: calls in this page share the one in flight,
 * and pages in other tabs queue behind a Web Lock. Each renewal re-reads the session first: if
 * the token has already been replaced (by the call ahead, or another tab), it uses that one and
 * spends nothing. The session lives in the outbox's key-value store (lib/outbox.ts), its only owner.
 */
let inFlight: Promise<ApiResult<string>> | undefined;

/** The current access token in place of `expired`, or why there is none. */
export function renewAccessToken(expired: string, refresh: RefreshCall): Promise<ApiResult<string>> {
  inFlight ??= exclusive(() => renew(expired, refresh)).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

/** One at a time across the tabs of this origin; within one page only where Web Locks are missing. */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('par-staff-refresh', work) : work();
}

const loggedOut: ApiFailure = { kind: 'http', status: 401, code: 'auth.refresh_invalid', detail: 'no refresh token' };

async function renew(expired: string, refresh: RefreshCall): Promise<ApiResult<string>> {
  const outbox = await getOutbox();
  const session = await outbox.kvGet<Session>(SESSION_KEY);
  if (!session) return { ok: false, failure: loggedOut };
  if (session.token !== expired && !session.expired) return { ok: true, value: session.token };
  if (!session.refreshToken || session.expired) return { ok: false, failure: loggedOut };
  const result = await refresh(session.refreshToken);
  if (!result.ok) {
    // Refused for good (used, revoked, expired): the screens ask to log in again; the queue
    // stays. A network failure changes nothing: the same token is tried again later.
    if (result.failure.kind === 'http' && result.failure.status === 401) await outbox.kvSet(SESSION_KEY, { ...session, expired: true } satisfies Session);
    return result;
  }
  const next = result.value;
  await outbox.kvSet(SESSION_KEY, { ...session, token: next.token, refreshToken: next.refreshToken, user: next.user, expired: false } satisfies Session);
  return { ok: true, value: next.token };
}
