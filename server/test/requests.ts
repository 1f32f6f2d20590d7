import type { SyncResult } from '../../survey-forms/src';

/** Small request helpers the API tests share, so each file does not write its own. */

/** The Authorization header for a bearer token. */
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A sync reply's per-response outcomes as `status` or `status:code`, easy to compare in order. */
export const syncStatuses = (results: SyncResult[]) => results.map((r) => (r.code ? `${r.status}:${r.code}` : r.status));
