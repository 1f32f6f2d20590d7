import type { CampaignDetail, CampaignSummary } from '../../survey-forms/src/api';
import { api } from './api';
import type { Outbox, Session } from './outbox';
import { SESSION_KEY } from './sync';

/**
 * The collector's login and the campaigns downloaded for offline work, kept in the outbox's
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
  await outbox.kvSet(SESSION_KEY, { token: result.value.token, user: result.value.user, expired: false } satisfies Session);
  return 'ok';
}

export const logout = (outbox: Outbox) => outbox.kvDelete(SESSION_KEY);

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
