import type { CampaignDetail, CampaignSummary, InvitationInfo, StaffSession, SyncReply } from '../../survey-forms/src/api';
import type { Role } from '../../survey-forms/src/codes';
import { canonicalCode } from '../../survey-forms/src/invitation-code';
import type { Response } from '../../survey-forms/src/response';

/**
 * The one module of the PWA that calls fetch (docs/ARCHITECTURE.md §11 local storage and fetch;
 * the routes are in docs/API.md). Every call resolves to a result,
 * never throws: the callers decide what a failure means (a wrong code, an expired login,
 * a weak connection to retry later).
 */
export type ApiFailure =
  | { kind: 'network'; detail: string }
  | { kind: 'http'; status: number; code: string; detail: string; errors?: ProblemItem[]; retryAfterSeconds?: number };

/** A `Retry-After` in seconds (the server sends whole seconds on 429 and 503; docs/API.md §1); anything else is ignored. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** One entry of a problem's `errors`: a field path, or a spreadsheet cell (sheet, Excel row, column). */
export interface ProblemItem {
  path?: string;
  sheet?: string;
  row?: number;
  column?: string;
  code?: string;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface StaffUser {
  id: string;
  username: string;
  role: Role;
  mustChangePassword?: boolean;
}

/** Who sends a sync request: a staff member's token or a respondent's invitation code. */
export type Credential = { kind: 'staff'; token: string } | { kind: 'invitation'; code: string };

export interface Api {
  login(username: string, password: string): Promise<ApiResult<StaffSession>>;
  /** Spends a refresh token for a new pair (docs/API.md §3 authentication). Staff screens never call it: bearer calls renew by themselves. */
  refresh(refreshToken: string): Promise<ApiResult<StaffSession>>;
  /** Revokes the login the refresh token belongs to. */
  logout(refreshToken: string): Promise<ApiResult<{ loggedOut: true }>>;
  listCampaigns(token: string): Promise<ApiResult<CampaignSummary[]>>;
  getCampaign(token: string, id: string): Promise<ApiResult<CampaignDetail>>;
  getInvitation(code: string): Promise<ApiResult<InvitationInfo>>;
  sync(responses: Response[], credential: Credential): Promise<ApiResult<SyncReply>>;
}

/** Slow phones on weak signal: generous, but a stalled request must end so the queue can retry. */
const TIMEOUT_MS = 60_000;

/**
 * Codes are typed from paper: the one rule of survey-forms/src/invitation-code.ts, shared with
 * the server and the early preload, so one code is one local record.
 */
export const normalizeCode = canonicalCode;

/**
 * The one fetch: a response with a 2xx status, or the failure as the callers see it (network,
 * or HTTP with the problem+json `code` and `detail`).
 */
async function send(url: string, method: string, headers: Record<string, string>, body: unknown, cache: RequestCache): Promise<ApiResult<globalThis.Response>> {
  let res: globalThis.Response;
  try {
    res = await fetch(url, {
      method,
      // A file (a spreadsheet to import) goes as its raw bytes with its own type; anything else as JSON.
      headers: body === undefined ? headers : { ...headers, 'Content-Type': body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json' },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      cache,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, failure: { kind: 'network', detail: error instanceof Error ? error.message : String(error) } };
  }
  if (res.ok) return { ok: true, value: res };
  // A proxy's HTML error page, or a body cut off on the way, still fails by its status.
  const problem = ((await res.json().catch(() => null)) ?? {}) as { code?: unknown; detail?: unknown; title?: unknown; errors?: unknown };
  const retryAfter = retryAfterSeconds(res.headers.get('retry-after'));
  return {
    ok: false,
    failure: {
      kind: 'http',
      status: res.status,
      code: typeof problem.code === 'string' ? problem.code : `http.${res.status}`,
      detail: typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : res.statusText,
      ...(Array.isArray(problem.errors) ? { errors: problem.errors.filter((e): e is ProblemItem => typeof (e as ProblemItem | null)?.message === 'string') } : {}),
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    },
  };
}

async function readJson<T>(result: ApiResult<globalThis.Response>): Promise<ApiResult<T>> {
  if (!result.ok) return result;
  try {
    return { ok: true, value: (await result.value.json()) as T };
  } catch {
    return { ok: false, failure: { kind: 'network', detail: `unreadable body (${result.value.status})` } };
  }
}

export type RefreshCall = (refreshToken: string) => Promise<ApiResult<StaffSession>>;

const refreshAt = (baseUrl: string): RefreshCall => async (refreshToken) => readJson(await send(`${baseUrl}/api/auth/refresh`, 'POST', {}, { refreshToken }, 'no-store'));

/**
 * Staff access tokens live minutes (docs/SECURITY.md "Sessions"). A bearer call answered
 * `401 auth.token_expired` is renewed once and sent again with the new token. The renewal is
 * lib/staff-refresh.ts, a chunk of its own loaded on first need, so the respondent's bundle does
 * not carry it; it makes parallel calls share one refresh. If the refresh is refused, the caller
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

export function createApi(baseUrl = ''): Api {
  const call = async <T>(method: string, path: string, headers: Record<string, string>, body?: unknown, cache: RequestCache = 'no-store') =>
    readJson<T>(await send(baseUrl + path, method, headers, body, cache));
  const refresh = refreshAt(baseUrl);
  const staffCall = async <T>(method: string, path: string, token: string, body?: unknown) =>
    readJson<T>(await asStaff(token, refresh, (current) => send(baseUrl + path, method, bearer(current), body, 'no-store')));

  return {
    login: (username, password) => call('POST', '/api/auth/login', {}, { username, password }),
    refresh,
    logout: (refreshToken) => call('POST', '/api/auth/logout', {}, { refreshToken }),
    listCampaigns: (token) => staffCall('GET', '/api/campaigns', token),
    getCampaign: (token, id) => staffCall('GET', `/api/campaigns/${encodeURIComponent(id)}`, token),
    // Default cache mode so the request can take over index.html's early preload of the same URL.
    getInvitation: (code) => call('GET', `/api/invitations/${encodeURIComponent(normalizeCode(code))}`, {}, undefined, 'default'),
    async sync(responses, credential) {
      const result =
        credential.kind === 'staff'
          ? await staffCall<SyncReply>('POST', '/api/sync', credential.token, { responses })
          : await call<SyncReply>('POST', '/api/sync', { 'X-Invitation-Code': normalizeCode(credential.code) }, { responses });
      // A 200 whose body is not one result per response is treated as not heard: retry later.
      if (result.ok && (!Array.isArray(result.value?.results) || result.value.results.length !== responses.length)) {
        return { ok: false, failure: { kind: 'network', detail: 'sync reply does not match the request' } };
      }
      return result;
    },
  };
}

/** The app's API, same origin as the page. */
export const api: Api = createApi();

/**
 * Calls of the staff console (admin, analyst): progress, scores, exports, invitations and
 * campaign status. Loaded only with the console chunk's imports; same failure discipline.
 */
export interface ConsoleApi {
  getJson<T>(token: string, path: string): Promise<ApiResult<T>>;
  postJson<T>(token: string, path: string, body: unknown): Promise<ApiResult<T>>;
  /** Uploads a file (an XLSX workbook) as the raw request body, with the Blob's type. */
  postFile<T>(token: string, path: string, file: Blob): Promise<ApiResult<T>>;
  putJson<T>(token: string, path: string, body: unknown): Promise<ApiResult<T>>;
  /** A file download (CSV, XLSX, printable sheet) as a Blob. */
  postForBlob(token: string, path: string, body: unknown): Promise<ApiResult<Blob>>;
  getBlob(token: string, path: string): Promise<ApiResult<Blob>>;
  /** PUT, PATCH or DELETE with an optional JSON body (campaign set-up). */
  change<T>(token: string, method: 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>>;
  /** A file's raw bytes (a CSV or XLSX to import), sent with the file's own content type. */
  postFile<T>(token: string, path: string, file: Blob): Promise<ApiResult<T>>;
}

export function createConsoleApi(baseUrl = ''): ConsoleApi {
  const refresh = refreshAt(baseUrl);
  const raw = (method: string, path: string, token: string, body?: unknown) => asStaff(token, refresh, (current) => send(baseUrl + path, method, bearer(current), body, 'no-store'));
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
