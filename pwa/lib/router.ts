import { createSignal } from 'solid-js';

/**
 * The app has a handful of screens, so it matches `location.pathname` itself instead of
 * shipping a router library to every respondent.
 */
const [path, setPath] = createSignal(typeof location === 'undefined' ? '/' : location.pathname);

if (typeof window !== 'undefined') window.addEventListener('popstate', () => setPath(location.pathname));

export { path };

export function navigate(to: string, replace = false): void {
  if (to === location.pathname) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  setPath(to);
  window.scrollTo(0, 0);
}
