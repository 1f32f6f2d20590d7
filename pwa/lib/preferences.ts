/**
 * The one owner of localStorage in the app, as lib/outbox.ts owns IndexedDB: every key is
 * listed here. Only small display preferences live here; answers, sessions and the queue
 * live in the outbox. Private mode or a disabled storage must not break a page, so reads fall
 * back to null and failed writes last for the page only.
 */
const KEYS = {
  /** The interface language, 'vi' or 'en' (lib/i18n.ts). */
  lang: 'par-lang',
} as const;

export type PreferenceName = keyof typeof KEYS;

export function readPreference(name: PreferenceName): string | null {
  try {
    return localStorage.getItem(KEYS[name]);
  } catch {
    return null;
  }
}

export function writePreference(name: PreferenceName, value: string): void {
  try {
    localStorage.setItem(KEYS[name], value);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
