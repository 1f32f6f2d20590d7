import type { CampaignDetail, CampaignSummary } from '../../survey-forms/src/api';
import { staffApi as api } from './staff-api';
import type { Outbox, Session } from './outbox';
import { SESSION_KEY } from './sync';

/**
 * The collector's login (a short access token and the refresh token that renews it,
 * lib/staff-refresh.ts) and the campaigns downloaded for offline work, kept in the outbox's
 * key-value store. Logging out or an expired login never touches the queue.
 */
export interface Downloaded {
  campaigns: CampaignSummary[];
  details: Record<string, CampaignDetail>;
  fetchedAt: string;
}
const DOWNLOADED_KEY = 'campaigns';

export const getSession = (outbox: Outbox) => outbox.kvGet<Session>(SESSION_KEY);

export async function login(outbox: Outbox, username: string, password: string): Promise<'ok' | 'wrong' | 'network'> {
  const result = await api.login(username, password);
  if (!result.ok) return result.failure.kind === 'network' ? 'network' : 'wrong';
  const { token, refreshToken, user } = result.value;
  await outbox.kvSet(SESSION_KEY, { token, refreshToken, user, expired: false } satisfies Session);
  return 'ok';
}

/** Forgets the login on this device and revokes its refresh token on the server when online (docs/SECURITY.md "Sessions"). */
export async function logout(outbox: Outbox): Promise<void> {
  const session = await getSession(outbox);
  await outbox.kvDelete(SESSION_KEY);
  // Not awaited: offline or on a weak signal the screen must not wait; the server's copy then dies by expiry.
  if (session?.refreshToken) void api.logout(session.refreshToken);
}

/** After the user replaced a printed or reset password: the reminder goes away. */
export async function markPasswordChanged(outbox: Outbox): Promise<void> {
  const session = await getSession(outbox);
  if (session) await outbox.kvSet(SESSION_KEY, { ...session, user: { ...session.user, mustChangePassword: false } } satisfies Session);
}

/** Where each role works after logging in; a password to replace comes first. */
export function homeFor(user: Session['user']): string {
  if (user.mustChangePassword) return '/account';
  return user.role === 'collector' ? '/collect' : '/console';
}

export const getDownloaded = (outbox: Outbox) => outbox.kvGet<Downloaded>(DOWNLOADED_KEY);

/** Fetches every open campaign with its questionnaires and the units assigned to this collector. */
export async function download(outbox: Outbox, session: Session): Promise<'ok' | 'expired' | 'network'> {
  const list = await api.listCampaigns(session.token);
  const expired = async () => {
    await outbox.kvSet(SESSION_KEY, { ...session, expired: true });
    return 'expired' as const;
  };
  if (!list.ok) return list.failure.kind === 'http' && list.failure.status === 401 ? expired() : 'network';
  const details: Record<string, CampaignDetail> = {};
  const usable = list.value.filter((c) => c.status === 'open' || c.status === 'closing');
  for (const c of usable) {
    const detail = await api.getCampaign(session.token, c.id);
    if (!detail.ok) return detail.failure.kind === 'http' && detail.failure.status === 401 ? expired() : 'network';
    details[c.id] = detail.value;
  }
  await outbox.kvSet(DOWNLOADED_KEY, { campaigns: usable, details, fetchedAt: new Date().toISOString() } satisfies Downloaded);
  return 'ok';
}

/** Asks the browser to keep this site's data under storage pressure; false means it refused. */
export async function askPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
