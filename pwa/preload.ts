/**
 * On a weak connection every round trip counts: for an invitation link (/r/<code>) ask for the
 * invitation while the app's script is still downloading; lib/api.ts's request then reuses
 * this preload. The build (preload-plugin.ts) serialises this function and `canonicalCode` of
 * survey-forms into a tiny async script of its own, so it runs before the app and needs no
 * inline script. Self-contained: it may use only its parameters and browser globals.
 */
export function preloadInvitation(canonicalCode: (typed: string) => string): void {
  const m = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
  if (!m || !m[1] || /%(?![0-9a-f]{2})/i.test(m[1])) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = '/api/invitations/' + encodeURIComponent(canonicalCode(decodeURIComponent(m[1])));
  document.head.appendChild(link);
}
