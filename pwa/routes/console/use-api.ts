import { createResource, type Resource } from 'solid-js';
import { formatNumber } from '../../../survey-forms/src/number-format';
import type { ApiFailure } from '../../lib/api';
import { createConsoleApi } from '../../lib/staff-api';

export const consoleApi = createConsoleApi();

export type Loaded<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** A GET the console shows, refetchable, re-run when the path changes; an empty path waits. */
export function useJson<T>(token: () => string, path: () => string): [Resource<Loaded<T>>, () => void] {
  const [data, { refetch }] = createResource(
    () => (path() ? ([token(), path()] as const) : false),
    ([tok, p]) => consoleApi.getJson<T>(tok, p),
  );
  return [data, () => void refetch()];
}

/** Saves a Blob as a file through a temporary link (CSV and Excel exports). */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads an export and saves it as `filename`; the failure, if it failed, for the page to show. */
export async function downloadFile(token: string, path: string, filename: string): Promise<ApiFailure | undefined> {
  const result = await consoleApi.getBlob(token, path);
  if (!result.ok) return result.failure;
  saveBlob(result.value, filename);
  return undefined;
}

/** A figure the Vietnamese way (41,8), through the one formatter (survey-forms/src/number-format.ts). */
export const pct = (v: number | null | undefined, digits = 1): string => formatNumber(v, digits);

/** The failure of a finished load, if it failed. */
export const failureOf = <T>(loaded: Loaded<T> | undefined) => (loaded && !loaded.ok ? loaded.failure : undefined);

/** The value of a finished load, if it worked. */
export const okValue = <T>(loaded: Loaded<T> | undefined): T | undefined => (loaded?.ok ? loaded.value : undefined);
