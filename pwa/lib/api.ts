import type { CampaignDetail, CampaignSummary, InvitationInfo, SyncReply } from '../../survey-forms/src/api';
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
  | { kind: 'http'; status: number; code: string; detail: string; errors?: unknown[] };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface StaffUser {
  id: string;
  username: string;
  role: Role;
}

/** Who sends a sync request: a staff member's token or a respondent's invitation code. */
export type Credential = { kind: 'staff'; token: string } | { kind: 'invitation'; code: string };

export interface Api {
  login(username: string, password: string): Promise<ApiResult<{ token: string; user: StaffUser }>>;
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
      // A Blob (an uploaded spreadsheet) goes as its own bytes and type; anything else as JSON.
      headers: body === undefined ? headers : { ...headers, 'Content-Type': body instanceof Blob ? body.type : 'application/json' },
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
  return {
    ok: false,
    failure: {
      kind: 'http',
      status: res.status,
      code: typeof problem.code === 'string' ? problem.code : `http.${res.status}`,
      detail: typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : res.statusText,
      ...(Array.isArray(problem.errors) ? { errors: problem.errors } : {}),
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

export function createApi(baseUrl = ''): Api {
  const call = async <T>(method: string, path: string, headers: Record<string, string>, body?: unknown, cache: RequestCache = 'no-store') =>
    readJson<T>(await send(baseUrl + path, method, headers, body, cache));
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  return {
    login: (username, password) => call('POST', '/api/auth/login', {}, { username, password }),
    listCampaigns: (token) => call('GET', '/api/campaigns', bearer(token)),
    getCampaign: (token, id) => call('GET', `/api/campaigns/${encodeURIComponent(id)}`, bearer(token)),
    // Default cache mode so the request can take over index.html's early preload of the same URL.
    getInvitation: (code) => call('GET', `/api/invitations/${encodeURIComponent(normalizeCode(code))}`, {}, undefined, 'default'),
    async sync(responses, credential) {
      const headers = credential.kind === 'staff' ? bearer(credential.token) : { 'X-Invitation-Code': normalizeCode(credential.code) };
      const result = await call<SyncReply>('POST', '/api/sync', headers, { responses });
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
  /** A file download (CSV, XLSX, printable sheet) as a Blob. */
  postForBlob(token: string, path: string, body: unknown): Promise<ApiResult<Blob>>;
  getBlob(token: string, path: string): Promise<ApiResult<Blob>>;
}

export function createConsoleApi(baseUrl = ''): ConsoleApi {
  const raw = (method: string, path: string, token: string, body?: unknown) =>
    send(baseUrl + path, method, { Authorization: `Bearer ${token}` }, body, 'no-store');
  async function blob(result: ApiResult<globalThis.Response>): Promise<ApiResult<Blob>> {
    if (!result.ok) return result;
    return { ok: true, value: await result.value.blob() };
  }
  return {
    getJson: async (token, path) => readJson(await raw('GET', path, token)),
    postJson: async (token, path, body) => readJson(await raw('POST', path, token, body)),
    postFile: async (token, path, file) => readJson(await raw('POST', path, token, file)),
    postForBlob: async (token, path, body) => blob(await raw('POST', path, token, body)),
    getBlob: async (token, path) => blob(await raw('GET', path, token)),
  };
}
