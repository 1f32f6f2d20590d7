import type { InvitationInfo, SyncReply } from '../../survey-forms/src/api';
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

/**
 * The respondent's calls, in the first load. Staff calls (login, refresh, campaigns, the
 * console's) are lib/staff-api.ts, loaded with the staff screens; it sends through `request`.
 */
export interface Api {
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
export async function request(url: string, method: string, headers: Record<string, string>, body: unknown, cache: RequestCache): Promise<ApiResult<globalThis.Response>> {
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

export async function readJson<T>(result: ApiResult<globalThis.Response>): Promise<ApiResult<T>> {
  if (!result.ok) return result;
  try {
    return { ok: true, value: (await result.value.json()) as T };
  } catch {
    return { ok: false, failure: { kind: 'network', detail: `unreadable body (${result.value.status})` } };
  }
}

export function createApi(baseUrl = ''): Api {
  const call = async <T>(method: string, path: string, headers: Record<string, string>, body?: unknown, cache: RequestCache = 'no-store') =>
    readJson<T>(await request(baseUrl + path, method, headers, body, cache));
  return {
    // Default cache mode so the request can take over index.html's early preload of the same URL.
    getInvitation: (code) => call('GET', `/api/invitations/${encodeURIComponent(normalizeCode(code))}`, {}, undefined, 'default'),
    async sync(responses, credential) {
      const result =
        credential.kind === 'staff'
          ? // A staff member's queue: bearer calls renew an expired token (lib/staff-api.ts, a chunk of its own).
            await import('./staff-api').then(async (m) => readJson<SyncReply>(await m.staffRequest(baseUrl, 'POST', '/api/sync', credential.token, { responses })))
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
