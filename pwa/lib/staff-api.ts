import type { CampaignDetail, CampaignSummary, StaffSession } from '../../survey-forms/src/api';
import { readJson, request, type ApiResult } from './api';

/**
 * The staff's calls: login, logout, campaigns, the console's, and bearer calls that
 * renew an expired access token. Loaded with the staff screens and the console, never in the
 * respondent's first load (docs/PWA.md "First load on a weak connection"). It calls no fetch itself: every
 * request goes through lib/api.ts `request` (docs/ARCHITECTURE.md §11 local storage and fetch).
 */
export type RefreshCall = (refreshToken: string) => Promise<ApiResult<StaffSession>>;

const refreshAt = (baseUrl: string): RefreshCall => async (refreshToken) => readJson(await request(`${baseUrl}/api/auth/refresh`, 'POST', {}, { refreshToken }, 'no-store'));

/**
 * Staff access tokens live minutes (docs/SECURITY.md "Sessions"). A bearer call answered
 * `401 auth.token_expired` is renewed once and sent again with the new token. The renewal is
 * lib/staff-refresh.ts, a chunk of its own loaded on first need; it makes parallel calls share one refresh. If the refresh is refused, the caller
 * gets its 401 as before (log in again, queue kept); if the refresh did not get through
 * (network, 429, 5xx), that failure, to retry later. `renewed` maps each replaced token to its
 * successor, so a screen still holding an old token sends the current one without another 401.
 */
const renewed = new Map<string, string>();
function latest(token: string): string {
  let current = token;
  for (let next = renewed.get(current); next !== undefined; next = renewed.get(current)) current = next;
  return current;
}

async function asStaff(token: string, refresh: RefreshCall, attempt: (token: string) => Promise<ApiResult<globalThis.Response>>): Promise<ApiResult<globalThis.Response>> {
  const used = latest(token);
  const first = await attempt(used);
  if (first.ok || first.failure.kind !== 'http' || first.failure.code !== 'auth.token_expired') return first;
  const renewal = await import('./staff-refresh').then((m) => m.renewAccessToken(used, refresh)).catch(() => null);
  if (!renewal) return first;
  // Refused (401): the caller sees its own 401. Network, 429, 5xx: transient, retried later.
  if (!renewal.ok) return renewal.failure.kind === 'http' && renewal.failure.status === 401 ? first : renewal;
  renewed.set(used, renewal.value);
  return attempt(renewal.value);
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A bearer request to `path`, renewed once if the token has expired. lib/api.ts sends a staff member's sync through it. */
export function staffRequest(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<ApiResult<globalThis.Response>> {
  return asStaff(token, refreshAt(baseUrl), (current) => request(baseUrl + path, method, bearer(current), body, 'no-store'));
}

export interface StaffApi {
  login(username: string, password: string): Promise<ApiResult<StaffSession>>;
  /** Revokes the login the refresh token belongs to. */
  logout(refreshToken: string): Promise<ApiResult<{ loggedOut: true }>>;
  listCampaigns(token: string): Promise<ApiResult<CampaignSummary[]>>;
  getCampaign(token: string, id: string): Promise<ApiResult<CampaignDetail>>;
}

export function createStaffApi(baseUrl = ''): StaffApi {
  const call = async <T>(path: string, body: unknown) => readJson<T>(await request(baseUrl + path, 'POST', {}, body, 'no-store'));
  const get = async <T>(path: string, token: string) => readJson<T>(await staffRequest(baseUrl, 'GET', path, token));
  return {
    login: (username, password) => call('/api/auth/login', { username, password }),
    logout: (refreshToken) => call('/api/auth/logout', { refreshToken }),
    listCampaigns: (token) => get('/api/campaigns', token),
    getCampaign: (token, id) => get(`/api/campaigns/${encodeURIComponent(id)}`, token),
  };
}

/** The staff's API, same origin as the page. */
export const staffApi: StaffApi = createStaffApi();

/**
 * Calls of the staff console (admin, analyst): progress, scores, exports, invitations and
 * campaign status. Loaded only with the console chunk's imports; same failure discipline.
 */
export interface ConsoleApi {
  getJson<T>(token: string, path: string): Promise<ApiResult<T>>;
  postJson<T>(token: string, path: string, body: unknown): Promise<ApiResult<T>>;
  /** A file's raw bytes (a CSV or XLSX workbook to import) as the request body, sent with the Blob's own content type. */
  postFile<T>(token: string, path: string, file: Blob): Promise<ApiResult<T>>;
  putJson<T>(token: string, path: string, body: unknown): Promise<ApiResult<T>>;
  /** A file download (CSV, XLSX, printable sheet) as a Blob. */
  postForBlob(token: string, path: string, body: unknown): Promise<ApiResult<Blob>>;
  getBlob(token: string, path: string): Promise<ApiResult<Blob>>;
  /** PUT, PATCH or DELETE with an optional JSON body (campaign set-up). */
  change<T>(token: string, method: 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>>;
}

export function createConsoleApi(baseUrl = ''): ConsoleApi {
  const raw = (method: string, path: string, token: string, body?: unknown) => staffRequest(baseUrl, method, path, token, body);
  async function blob(result: ApiResult<globalThis.Response>): Promise<ApiResult<Blob>> {
    if (!result.ok) return result;
    return { ok: true, value: await result.value.blob() };
  }
  return {
    getJson: async (token, path) => readJson(await raw('GET', path, token)),
    postJson: async (token, path, body) => readJson(await raw('POST', path, token, body)),
    postFile: async (token, path, file) => readJson(await raw('POST', path, token, file)),
    putJson: async (token, path, body) => readJson(await raw('PUT', path, token, body)),
    postForBlob: async (token, path, body) => blob(await raw('POST', path, token, body)),
    getBlob: async (token, path) => blob(await raw('GET', path, token)),
    change: async (token, method, path, body) => readJson(await raw(method, path, token, body)),
  };
}
